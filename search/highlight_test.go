package search

import "testing"

func TestHighlighter(t *testing.T) {
	tests := []struct {
		q, text, want string
	}{
		{"election", "The Elections of 2012 <b>", "The <mark>Elections</mark> of 2012 &lt;b&gt;"},
		{`"interest rates" OR harvest*`, "Interest rates and harvests.", "<mark>Interest</mark> <mark>rates</mark> and <mark>harvests</mark>."},
		{"merkel -hollande", "Merkel and Hollande", "<mark>Merkel</mark> and Hollande"},
		{`person:"Angela Merkel" title:summit`, "Angela Merkel at the summit", "Angela Merkel at the <mark>summit</mark>"},
		{"", "<i>x</i>", "&lt;i&gt;x&lt;/i&gt;"},
	}
	for _, tt := range tests {
		h, err := NewHighlighter(tt.q)
		if err != nil {
			t.Fatal(err)
		}
		if got := h.Mark(tt.text); got != tt.want {
			t.Errorf("%q: Mark(%q) = %q, want %q", tt.q, tt.text, got, tt.want)
		}
	}
	if _, err := NewHighlighter("(oil"); err == nil {
		t.Error("bad query: no error")
	}
}
