// clippings: small progressive enhancements of pages that work without
// any script. No framework; every state stays in the URL.
(function () {
  "use strict";
  var doc = document;

  // Keyboard: "/" focuses the search box, j and k move between results.
  doc.addEventListener("keydown", function (e) {
    var t = e.target, tag = t && t.tagName;
    if (e.ctrlKey || e.metaKey || e.altKey || tag === "INPUT" || tag === "SELECT" || tag === "TEXTAREA") return;
    var q = doc.getElementById("q");
    if (e.key === "/" && q) {
      e.preventDefault();
      q.focus();
      q.select();
      return;
    }
    if (e.key !== "j" && e.key !== "k") return;
    var links = Array.prototype.slice.call(doc.querySelectorAll("li.hit h2 a"));
    if (!links.length) return;
    var i = links.indexOf(doc.activeElement);
    i = e.key === "j" ? Math.min(i + 1, links.length - 1) : Math.max(i - 1, 0);
    links[i].focus();
    e.preventDefault();
  });

  // Empty fields stay out of the URL, so that links stay short.
  var form = doc.querySelector("form.search");
  if (form) {
    form.addEventListener("submit", function () {
      Array.prototype.forEach.call(form.elements, function (el) {
        if (el.name && el.value === "") el.disabled = true;
      });
    });
    // Coming back to the page (back/forward cache) re-enables them.
    addEventListener("pageshow", function () {
      Array.prototype.forEach.call(form.elements, function (el) { el.disabled = false; });
    });
  }

  // withParam returns the current search URL with name=value added and
  // the page reset.
  function withParam(name, value) {
    var u = new URL(location.href);
    u.searchParams.delete("page");
    u.searchParams.append(name, value);
    return u.pathname + u.search;
  }

  // Facet filter boxes: narrow the list as you type; for a long facet,
  // suggest more values from the whole index.
  Array.prototype.forEach.call(doc.querySelectorAll(".facet"), function (sec) {
    var box = sec.querySelector(".facet-filter"), list = sec.querySelector("ul");
    if (!box || !list || list.children.length < 5) return;
    box.hidden = false;
    var name = sec.getAttribute("data-facet"), timer = 0, extra = null;
    box.addEventListener("input", function () {
      var s = box.value.trim().toLowerCase();
      Array.prototype.forEach.call(list.children, function (li) {
        li.hidden = s !== "" && li.textContent.toLowerCase().indexOf(s) < 0;
      });
      clearTimeout(timer);
      if (extra) { extra.remove(); extra = null; }
      if (s === "") return;
      timer = setTimeout(function () {
        fetch("/api/v1/facets/" + encodeURIComponent(name) + "?size=10&prefix=" + encodeURIComponent(s))
          .then(function (r) { return r.ok ? r.json() : { values: [] }; })
          .then(function (body) {
            if (box.value.trim().toLowerCase() !== s) return;
            var shown = {};
            Array.prototype.forEach.call(list.querySelectorAll(".v"), function (v) { shown[v.textContent] = true; });
            var ul = doc.createElement("ul");
            ul.className = "facet-suggest";
            ul.setAttribute("aria-label", "More values in all articles");
            body.values.forEach(function (fv) {
              if (shown[fv.value]) return;
              var li = doc.createElement("li"), a = doc.createElement("a"), v = doc.createElement("span"), n = doc.createElement("span");
              a.href = withParam(name, fv.value);
              v.className = "v"; v.textContent = fv.value;
              n.className = "n"; n.textContent = fv.count;
              n.title = "articles in the whole archive";
              a.appendChild(v); a.appendChild(n); li.appendChild(a); ul.appendChild(li);
            });
            if (ul.children.length) { extra = ul; list.after(ul); }
          })
          .catch(function () {});
      }, 150);
    });
  });

  // Timeline: drag across bars to choose a span of periods.
  var svg = doc.querySelector(".timeline svg");
  if (svg) {
    var bars = Array.prototype.slice.call(svg.querySelectorAll("a.bar"));
    var start = -1, end = -1, dragged = false;
    var indexOf = function (e) {
      var el = doc.elementFromPoint(e.clientX, e.clientY);
      var a = el && el.closest ? el.closest("a.bar") : null;
      return a ? bars.indexOf(a) : -1;
    };
    var paint = function () {
      var lo = Math.min(start, end), hi = Math.max(start, end);
      bars.forEach(function (b, i) { b.classList.toggle("brush", start >= 0 && i >= lo && i <= hi); });
    };
    svg.addEventListener("pointerdown", function (e) {
      start = end = indexOf(e);
      dragged = false;
      if (start >= 0) { e.preventDefault(); paint(); }
    });
    svg.addEventListener("pointermove", function (e) {
      if (start < 0) return;
      var i = indexOf(e);
      if (i >= 0 && i !== end) { end = i; dragged = dragged || end !== start; paint(); }
    });
    var finish = function () {
      if (start < 0) return;
      var lo = Math.min(start, end), hi = Math.max(start, end);
      start = -1;
      if (!dragged) { paint(); return; }
      var u = new URL(location.href);
      u.searchParams.delete("page");
      u.searchParams.set("from", bars[lo].getAttribute("data-period"));
      u.searchParams.set("to", bars[hi].getAttribute("data-period"));
      location.href = u.pathname + u.search;
    };
    svg.addEventListener("pointerup", finish);
    svg.addEventListener("pointerleave", finish);
    svg.addEventListener("click", function (e) {
      if (dragged) { e.preventDefault(); dragged = false; }
    });
  }
})();
