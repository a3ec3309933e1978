package extract

import (
	"slices"
	"testing"
)

func TestOnlyPersons(t *testing.T) {
	for _, c := range []struct {
		name    string
		authors []string
		outlet  string
		want    []string
	}{
		{"an agency", []string{"Reuters"}, "VentureBeat", []string{}},
		{"agency staff", []string{"Reuters Staff"}, "Reuters", []string{}},
		{"a dateline beside an agency", []string{"PTI", "Washington"}, "Deccan Herald", []string{}},
		{"a person beside an agency", []string{"Jane Doe", "AP"}, "Example Post", []string{"Jane Doe"}},
		{"a company in a copyright notice", []string{"Copyright Hearst Communications"}, "SFGate", []string{}},
		{"a publisher", []string{"Cruz Bay Publishing"}, "Practical Horseman", []string{}},
		{"a broadcaster", []string{"ARD"}, "hessenschau.de", []string{}},
		{"a news desk", []string{"Newsdesk"}, "Mannschaft", []string{}},
		{"a broadcaster's name", []string{"Hessischer Rundfunk"}, "hessenschau.de", []string{}},
		{"a possessive blog name", []string{"mywakenews"}, "Mywakenews's Blog", []string{}},
		{"a desk", []string{"Telegraph Sport"}, "The Daily Telegraph", []string{}},
		{"a section of the outlet", []string{"Jill Disis", "CNN Business"}, "CNN", []string{"Jill Disis"}},
		{"a role with hyphens", []string{"Chris Cillizza", "CNN Editor-at-large"}, "CNN", []string{"Chris Cillizza"}},
		{"a label before the name", []string{"Analysis by Chris Cillizza"}, "CNN", []string{"Chris Cillizza"}},
		{"a Russian label", []string{"Текст: Венера Ерофеева"}, "wday.ru", []string{"Венера Ерофеева"}},
		{"degrees after a name", []string{"Rachael Link", "MS", "RD"}, "Healthline", []string{"Rachael Link"}},
		{"initials alone stay", []string{"LD"}, "Example", []string{"LD"}},
		{"an outlet after a full stop", []string{"Finian Cunningham. Sputnik International"}, "sputniknews.com", []string{"Finian Cunningham"}},
		{"initials with full stops stay", []string{"J. R. Stone"}, "Example", []string{"J. R. Stone"}},
		{"a name written twice", []string{"Sean Martin Sean Martin"}, "Express.co.uk", []string{"Sean Martin"}},
		{"a thing, not a person", []string{"The Russian"}, "POLYGRAPH.info", []string{}},
		{"a word of the outlet's name", []string{"Beachbody"}, "The Beachbody Blog", []string{}},
		{"initials written twice stay", []string{"R. R."}, "Example", []string{"R. R."}},
		{"a personal site's host is no evidence", []string{"Heiko"}, "heiko-adams.de", []string{"Heiko"}},
		{"an outlet beside a full name", []string{"Victor Tangermann", "Futurism"}, "ScienceAlert", []string{"Victor Tangermann"}},
		{"user names together stay", []string{"jdadmin", "webnata"}, "Example", []string{"jdadmin", "webnata"}},
		{"a personal site named after its author", []string{"Mady"}, "Mady Morrison", []string{"Mady"}},
		{"a first name is not the outlet's", []string{"Regan"}, "The Anti-June Cleaver", []string{"Regan"}},
		{"a user name stays", []string{"jdadmin"}, "Jeongdong Theater", []string{"jdadmin"}},
		{"two persons", []string{"Lisa Mascaro", "Mary Clare Jalonick"}, "AP News", []string{"Lisa Mascaro", "Mary Clare Jalonick"}},
	} {
		got := onlyPersons(slices.Clone(c.authors), c.outlet)
		if !slices.Equal(got, c.want) {
			t.Errorf("%s: onlyPersons(%q, %q) = %q, want %q", c.name, c.authors, c.outlet, got, c.want)
		}
	}
}
