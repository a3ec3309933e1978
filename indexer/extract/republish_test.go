package extract

import (
	"strings"
	"testing"

	"github.com/clippings/clippings/corpus"
)

func TestBodyAuthors(t *testing.T) {
	tests := []struct {
		body []string
		want string
	}{
		{[]string{"As the horror is revealed, news has emerged (Raffaello Pantucci writes).", "More."}, "Raffaello Pantucci"},
		{[]string{"Text von Christian Seiler", "Der Purzelbaum ist alt."}, "Christian Seiler"},
		{[]string{"Grenzen setzen.", "von Daniela Obers", "Grenzen sind das Fundament."}, "Daniela Obers"},
		{[]string{"Body.", "Raffaello Pantucci is director of international security studies at the Royal United Services Institute"}, "Raffaello Pantucci"},
		{[]string{"Body.", "Mehr Homestorys"}, ""},
		{[]string{"The minister writes often about trade.", "The Bank of England is the central bank of the UK."}, ""},
	}
	for _, tt := range tests {
		if got := strings.Join(bodyAuthors(tt.body), ","); got != tt.want {
			t.Errorf("bodyAuthors(%q) = %q, want %q", tt.body, got, tt.want)
		}
	}
}

func TestRepublished(t *testing.T) {
	long := "The cancellation of the football match on Tuesday night was the latest expression of a terrorist fear that wracks the region."
	tests := []struct {
		name          string
		body          []string
		title, outlet string
		note          bool
	}{
		{"intro and title", []string{"Final piece from last week, this time looking at whether it could happen here, for my home institution RUSI.", "Could it happen here?", long}, "Could it happen here?", "RUSI", true},
		{"self reference", []string{"Still catching up after a busy week. This a short piece for the BBC on how vulnerable Europe is.", long}, "Page", "BBC", true},
		{"first person writing", []string{"It has been busy of late. First up, I wrote a longer piece in the Independent on Sunday at the weekend.", long}, "Page", "Independent on Sunday", true},
		{"a column's own opening", []string{"In my column for The Times last week, I argued that the harbour should stay open all year round.", long}, "Page", "Site", false},
		{"news about a piece", []string{"In a new piece for the Atlantic, the minister argues that the harbour should stay open all year round.", long}, "Page", "Site", false},
	}
	for _, tt := range tests {
		a := corpus.Article{Title: "Page", Outlet: "Site"}
		body := republished(&a, tt.body)
		if a.Title != tt.title || a.Outlet != tt.outlet || (a.Note != "") != tt.note || body[len(body)-1] != long {
			t.Errorf("%s: title %q, outlet %q, note %q, body %q", tt.name, a.Title, a.Outlet, a.Note, body)
		}
	}
}
