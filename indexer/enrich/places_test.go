package enrich

import (
	"slices"
	"strings"
	"testing"

	"github.com/clippings/clippings/corpus"
)

func TestCountries(t *testing.T) {
	e := New(Options{})
	// filler makes a long text (over longText bytes) of countryless
	// paragraphs.
	filler := strings.Repeat("The committee met again and said little that was new.\n\n", 60)
	tests := []struct {
		name   string
		a      corpus.Article
		want   []string // Countries, in order
		places []string // some of Places, in order
	}{
		{"demonym", corpus.Article{Body: "Chinese cash displaces Russian influence."}, []string{"CN", "RU"}, nil},
		{"demonym Kyrgyz", corpus.Article{Body: "Traders in Kyrgyz markets at Kara Suu complained."}, []string{"KG"}, nil},
		{"Britain", corpus.Article{Body: "Prices rose in Britain last year."}, []string{"GB"}, []string{"United Kingdom"}},
		{"U.K. and UK", corpus.Article{Body: "The U.K. economy grew. UK officials agreed."}, []string{"GB"}, nil},
		{"Georgia the country", corpus.Article{Body: "Georgia's president met officials in the capital."},
			[]string{"GE"}, []string{"Georgia"}},
		{"Georgia the state", corpus.Article{Body: "He flew to Atlanta, Georgia, on Monday."},
			[]string{"US"}, []string{"Atlanta", "Georgia"}},
		{"Georgia in a list of countries", corpus.Article{Lead: "Russia fought wars in Ukraine and Georgia."},
			[]string{"RU", "UA", "GE"}, nil},
		{"Georgia first in a list", corpus.Article{Lead: "Georgia, Armenia and Azerbaijan signed."},
			[]string{"GE", "AM", "AZ"}, nil},
		{"London, Ontario", corpus.Article{Lead: "The plant in London, Ontario closed."}, []string{"CA"}, []string{"Ontario"}},
		{"Georgia unclear", corpus.Article{Body: "She moved to Georgia."}, nil, nil},
		{"Jordan the player", corpus.Article{Body: "Jordan scored 30 points."}, nil, nil},
		{"Michael Jordan", corpus.Article{Body: "Michael Jordan visited the team in Chicago."}, []string{"US"}, []string{"Chicago"}},
		{"Jordan the country", corpus.Article{Body: "The minister flew to Jordan for talks."}, []string{"JO"}, nil},
		{"Jordan with support", corpus.Article{Body: "Amman said Jordan would reopen the border."}, []string{"JO"}, nil},
		{"turkey dinner", corpus.Article{Body: "We ate a turkey dinner."}, nil, nil},
		{"Turkey", corpus.Article{Lead: "Turkey and Greece disagree."}, []string{"TR", "GR"}, nil},
		{"Chad the name", corpus.Article{Body: "Chad Smith said he would stay."}, nil, nil},
		{"in Chad", corpus.Article{Body: "Refugees arrived in Chad."}, []string{"TD"}, nil},
		{"Nice the word", corpus.Article{Body: "Nice weather returned."}, nil, nil},
		{"in Nice", corpus.Article{Body: "The festival opened in Nice."}, []string{"FR"}, []string{"Nice"}},
		{"Reading the word", corpus.Article{Body: "Reading is good for you."}, nil, nil},
		{"Washington the person", corpus.Article{Body: "Denzel Washington starred in the film."}, nil, nil},
		{"Washington the capital", corpus.Article{Body: "U.S. officials in Washington said the talks failed."},
			[]string{"US"}, []string{"United States", "Washington"}},
		{"Paris, Texas", corpus.Article{Body: "The plant is in Paris, Texas."}, []string{"US"}, []string{"Texas"}},
		{"Bank of America", corpus.Article{Body: "Bank of America and Voice of America are not places."}, nil, nil},
		{"historic names", corpus.Article{Lead: "West Germany and the Soviet Union signed; both gained."},
			[]string{"DE", "RU"}, []string{"West Germany", "Soviet Union"}},
		{"old city names", corpus.Article{Lead: "Flights from Peking to Bombay resumed."}, []string{"CN", "IN"},
			[]string{"Beijing", "Mumbai"}},
		{"title in capitals", corpus.Article{Title: "WEST GERMANY TO CUT RATES", Body: "The Bundesbank met."},
			[]string{"DE"}, []string{"West Germany"}},
		{"dateline", corpus.Article{Body: "DUBLIN, April 1 - Ireland's central bank said French banks lent more."},
			[]string{"IE"}, []string{"Dublin", "Ireland"}},
		{"dateline in the lead", corpus.Article{Lead: "DUBLIN, April 1 - Ireland's central bank said French banks lent more.",
			Body: "DUBLIN, April 1 - Ireland's central bank said French banks lent more. No more."},
			[]string{"IE"}, []string{"Dublin", "Ireland"}},
		{"dateline with state", corpus.Article{Body: "STAMFORD, Conn., March 2 - The company said sales rose."},
			[]string{"US"}, []string{"Stamford", "Connecticut"}},
		{"dateline with agency", corpus.Article{Body: "BISHKEK (Reuters) - Protesters gathered."},
			[]string{"KG"}, []string{"Bishkek"}},
		{"salience: title beats a passing mention", corpus.Article{Title: "Japan's exports rise",
			Body: "Japan sold more cars. Buyers included a firm in Norway."}, []string{"JP"}, nil},
		{"salience: two body mentions", corpus.Article{Title: "Exports rise",
			Body: "Japan sold cars to Canada. Canada bought more. Norway bought one."}, []string{"CA"}, nil},
		{"salience: lead", corpus.Article{Title: "Exports rise", Lead: "Japan sold cars to Canada.",
			Body: "Canada bought more. Japan sold more. Norway bought one."}, []string{"JP", "CA"}, nil},
		{"salience: one lead mention is passing", corpus.Article{Title: "Exports rise", Lead: "Japan sold cars to Canada.",
			Body: "Canada bought more. Canada paid. Norway bought one."}, []string{"CA"}, []string{"Canada", "Japan", "Norway"}},
		{"currency, not country", corpus.Article{Title: "Austria issues 50 mln Australian dlr bond",
			Lead: "The Republic of Austria is issuing a 50 mln Australian dollar bond."}, []string{"AT"}, nil},
		{"currency after a name", corpus.Article{Body: "TAIPEI, March 5 - Taiwan's reserves hit 51 billion U.S. dlrs.\n\n" +
			"The U.S. dlr fell against the Taiwan dollar."}, []string{"TW"}, nil},
		{"city naming an accord", corpus.Article{Body: "TOKYO, March 24 - The dollar fell on doubts about the Paris accord.\n\n" +
			"Dealers said the Paris accord was weak, and the Paris Club met."}, []string{"JP"}, nil},
		{"stock symbol", corpus.Article{Title: "CARBIDE <UK> LOOKS TO ACQUISITIONS",
			Body: "NEW YORK, March 2 - Union Carbide Corp is looking to acquisitions."}, []string{"US"}, nil},
		{"list of countries in the lead", corpus.Article{
			Body: "LONDON, March 2 - India, Pakistan, Egypt, Syria, Algeria and Morocco bought white sugar, traders said.\n\n" +
				"Prices rose."}, []string{"GB", "IN", "PK", "EG", "SY", "DZ", "MA"}, nil},
		{"list of countries in the body is passing", corpus.Article{Title: "Japan's exports rise",
			Body: "Japan sold more cars.\n\nBuyers were in Norway, Sweden and Finland."}, []string{"JP"}, nil},
		{"named in two paragraphs", corpus.Article{Title: "Japan's exports rise",
			Body: "Japan sold more cars.\n\nA firm in Norway bought some.\n\nJapan said exports rose.\n\nOslo dealers expect more."},
			[]string{"JP", "NO"}, nil},
		{"named twice in one paragraph is passing", corpus.Article{Title: "Japan's exports rise",
			Body: "Japan sold more cars.\n\nA firm in Norway bought some, and Norway may buy more.\n\nJapan said exports rose."},
			[]string{"JP"}, nil},
		{"named in the opening of a long text", corpus.Article{Title: "France mourns",
			Lead: "As the horror is revealed, news emerged from Syria.", Body: filler}, []string{"FR", "SY"}, nil},
		{"named late in a long text is passing", corpus.Article{Title: "France mourns",
			Lead: "As the horror is revealed, news emerged.", Body: filler + "He went to Syria."}, []string{"FR"}, nil},
		{"institution in a title", corpus.Article{Title: "FED SETS 1.5 BILLION DLR CUSTOMER REPURCHASE"},
			[]string{"US"}, []string{"United States"}},
		{"institution in the text", corpus.Article{Body: "The Bundesbank left its rates unchanged."},
			[]string{"DE"}, []string{"Germany"}},
		{"labels first", corpus.Article{Places: []string{"usa", "west-germany"}, Body: "The Bundesbank met."},
			[]string{"US", "DE"}, []string{"United States", "West Germany"}},
		{"unknown label kept", corpus.Article{Places: []string{"north-sea"}, Body: "Oil output rose."},
			nil, []string{"North Sea"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := tt.a
			a.Language = "en"
			e.Enrich(&a)
			if !slices.Equal(a.Countries, nonNil(tt.want)) {
				t.Errorf("Countries = %q, want %q (places %q)", a.Countries, tt.want, a.Places)
			}
			if !isSubsequence(tt.places, a.Places) {
				t.Errorf("Places = %q, want %q among them in order", a.Places, tt.places)
			}
		})
	}
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// isSubsequence reports whether want appears in got in the same order.
func isSubsequence(want, got []string) bool {
	i := 0
	for _, g := range got {
		if i < len(want) && g == want[i] {
			i++
		}
	}
	return i == len(want)
}

func TestSplitDateline(t *testing.T) {
	tests := []struct {
		in, dateline, rest string
	}{
		{"NEW YORK, March 3 - Shares rose.", "NEW YORK", "Shares rose."},
		{"STAMFORD, Conn., March 2 - Sales rose.", "STAMFORD, Conn.", "Sales rose."},
		{"RICHMOND, Va. Feb 26 - Qtly div.", "RICHMOND, Va.", "Qtly div."},
		{"WEST HARTFORD, Conn., FEb 26 - Coleco said.", "WEST HARTFORD, Conn.", "Coleco said."},
		{"LONDON (Reuters) - Oil fell.", "LONDON", "Oil fell."},
		{"MANILA, April 1, Reuter - Rice.", "MANILA", "Rice."},
		{"Bishkek, Kyrgyzstan, May 4, 2015 – Talks.", "Bishkek, Kyrgyzstan", "Talks."},
		{"BEIJING - The party met.", "BEIJING", "The party met."},
		{"However, he said - nothing.", "", "However, he said - nothing."},
		{"Dublin - a city.", "", "Dublin - a city."},
		{"MAR8 -- -- prices", "", "MAR8 -- -- prices"},
		{"****LONDON, March 5 - India bought.", "LONDON", "India bought."},
		{"AMSTERDAM, 2 March - The bank said.", "AMSTERDAM", "The bank said."},
		{"NEW YORK, March 12\n    Qtly div.", "NEW YORK", "    Qtly div."},
		{"CHICAGO, March 4, - Sales rose.", "CHICAGO", "Sales rose."},
		{"Paris, March 3\nA line.", "", "Paris, March 3\nA line."},
		{"SHARES\nrose.", "", "SHARES\nrose."},
	}
	for _, tt := range tests {
		dl, rest, ok := splitDateline(tt.in)
		if dl != tt.dateline || rest != tt.rest || ok != (tt.dateline != "") {
			t.Errorf("splitDateline(%q) = %q, %q, %v; want %q, %q", tt.in, dl, rest, ok, tt.dateline, tt.rest)
		}
	}
}

func TestTokenize(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"U.S.-led talks", []string{"U.S.", "-", "led", "talks"}},
		{"China's Xi'an", []string{"China", "Xi'an"}},
		{"N’Djamena, Guinea-Bissau", []string{"N'Djamena", ",", "Guinea", "-", "Bissau"}},
		{"St. Louis, D.C.", []string{"St", ".", "Louis", ",", "D.C."}},
		{"Côte d'Ivoire", []string{"Côte", "d'Ivoire"}},
	}
	for _, tt := range tests {
		var got []string
		for _, tok := range tokenize(tt.in) {
			got = append(got, tok.text)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("tokenize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	toks := tokenize("BAHIA COCOA REVIEW\n\nShowers continued.")
	if !toks[0].caps || toks[3].caps || !toks[3].sent {
		t.Errorf("caps and sentence flags wrong: %+v", toks)
	}
	if toks := tokenize("China's"); !toks[0].poss {
		t.Errorf("possessive not marked: %+v", toks)
	}
}
