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
        // Values of the whole result set: the search's own parameters.
        var params = new URLSearchParams(location.search);
        ["page", "size", "more", "sort", "interval"].forEach(function (p) { params.delete(p); });
        params.set("size", "10");
        params.set("prefix", s);
        fetch("/api/v1/facets/" + encodeURIComponent(name) + "?" + params.toString())
          .then(function (r) { return r.ok ? r.json() : { values: [] }; })
          .then(function (body) {
            if (box.value.trim().toLowerCase() !== s) return;
            var shown = {};
            Array.prototype.forEach.call(list.querySelectorAll("a:not(.not)"), function (a) {
              var c = a.querySelector(".code"), v = a.querySelector(".v");
              shown[c ? c.textContent : v.textContent] = true;
            });
            var ul = doc.createElement("ul");
            ul.className = "facet-suggest";
            ul.setAttribute("aria-label", "More values in the results");
            body.values.forEach(function (fv) {
              if (shown[fv.value]) return;
              var li = doc.createElement("li"), a = doc.createElement("a"), v = doc.createElement("span"), n = doc.createElement("span");
              a.href = withParam(name, fv.value);
              v.className = "v"; v.textContent = fv.label ? fv.label + " " + fv.value : fv.value;
              n.className = "n"; n.textContent = fv.count;
              a.appendChild(v); a.appendChild(n); li.appendChild(a); ul.appendChild(li);
            });
            if (ul.children.length) { extra = ul; list.after(ul); }
          })
          .catch(function () {});
      }, 150);
    });
  });

  // Timeline: choose a span of periods by dragging across the bars, or
  // from the keyboard. The bars are one tab stop: the arrow keys (Home,
  // End) move between them, Shift with an arrow stretches a span from the
  // bar where it began, Enter or Space filters to the span (or to the bar
  // alone), Escape drops the span. A span also fills the From and To boxes
  // of the search form, which filter the same way when submitted.
  var svg = doc.querySelector(".timeline svg");
  if (svg) {
    var bars = Array.prototype.slice.call(svg.querySelectorAll("a.bar"));
    var fromBox = doc.getElementById("from"), toBox = doc.getElementById("to");
    var typed = [fromBox ? fromBox.value : "", toBox ? toBox.value : ""];
    var status = doc.createElement("p");
    status.className = "brush-status";
    status.setAttribute("aria-live", "polite");
    svg.parentNode.insertBefore(status, svg.nextSibling);
    var period = function (i) { return bars[i].getAttribute("data-period"); };
    // through is the last day of bar i: a week's Sunday, else its period.
    var through = function (i) { return bars[i].getAttribute("data-last") || period(i); };
    var label = function (i) { return bars[i].getAttribute("aria-label").replace(/:[^:]*$/, ""); };
    // paint shows the span lo..hi (none when lo < 0) on the bars, in the
    // date boxes and in the status line.
    var paint = function (lo, hi) {
      bars.forEach(function (b, i) { b.classList.toggle("brush", lo >= 0 && i >= lo && i <= hi); });
      if (fromBox) fromBox.value = lo >= 0 ? period(lo) : typed[0];
      if (toBox) toBox.value = lo >= 0 ? through(hi) : typed[1];
      status.textContent = lo >= 0 && hi > lo ? label(lo) + " to " + label(hi) + ": press Enter to filter, Escape to cancel." : "";
    };
    // go filters the search to the periods of bars lo..hi.
    var go = function (lo, hi) {
      var u = new URL(location.href);
      u.searchParams.delete("page");
      u.searchParams.set("from", period(lo));
      u.searchParams.set("to", through(hi));
      location.href = u.pathname + u.search;
    };

    // Pointer.
    var start = -1, end = -1, dragged = false;
    var indexOf = function (e) {
      var el = doc.elementFromPoint(e.clientX, e.clientY);
      var a = el && el.closest ? el.closest("a.bar") : null;
      return a ? bars.indexOf(a) : -1;
    };
    var paintDrag = function () { paint(start, end); };
    svg.addEventListener("pointerdown", function (e) {
      start = end = indexOf(e);
      dragged = false;
      if (start >= 0) { e.preventDefault(); paintDrag(); }
    });
    svg.addEventListener("pointermove", function (e) {
      if (start < 0) return;
      var i = indexOf(e);
      if (i >= 0 && i !== end) {
        end = i;
        dragged = dragged || end !== start;
        paint(Math.min(start, end), Math.max(start, end));
      }
    });
    var finish = function () {
      if (start < 0) return;
      var lo = Math.min(start, end), hi = Math.max(start, end);
      start = -1;
      if (!dragged) { paint(-1, -1); return; }
      go(lo, hi);
    };
    svg.addEventListener("pointerup", finish);
    svg.addEventListener("pointerleave", finish);
    svg.addEventListener("click", function (e) {
      if (dragged) { e.preventDefault(); dragged = false; }
    });

    // Keyboard: a roving tab stop on the chosen bar, else the first.
    var at = Math.max(0, bars.findIndex(function (b) { return b.classList.contains("on"); }));
    var anchor = -1;
    bars.forEach(function (b, i) { b.setAttribute("tabindex", i === at ? "0" : "-1"); });
    svg.setAttribute("tabindex", "-1"); // the bars are the tab stop, not the chart
    var moveTo = function (i) {
      bars[at].setAttribute("tabindex", "-1");
      at = Math.max(0, Math.min(bars.length - 1, i));
      bars[at].setAttribute("tabindex", "0");
      bars[at].focus();
    };
    svg.addEventListener("focusin", function (e) {
      var i = bars.indexOf(e.target.closest ? e.target.closest("a.bar") : null);
      if (i >= 0 && i !== at) moveTo(i);
    });
    svg.addEventListener("keydown", function (e) {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      var to = {ArrowLeft: at - 1, ArrowDown: at - 1, ArrowRight: at + 1, ArrowUp: at + 1, Home: 0, End: bars.length - 1}[e.key];
      if (to !== undefined) {
        e.preventDefault();
        if (e.shiftKey && anchor < 0) anchor = at;
        if (!e.shiftKey) anchor = -1;
        moveTo(to);
        if (anchor >= 0) paint(Math.min(anchor, at), Math.max(anchor, at));
        else paint(-1, -1);
        return;
      }
      if (e.key === "Enter" || e.key === " ") {
        e.preventDefault();
        if (anchor >= 0) go(Math.min(anchor, at), Math.max(anchor, at));
        else go(at, at);
        return;
      }
      if (e.key === "Escape" && anchor >= 0) {
        e.preventDefault();
        anchor = -1;
        paint(-1, -1);
      }
    });
  }
})();
