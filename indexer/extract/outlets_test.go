package extract

import (
	"testing"
)

func TestOutletAliases(t *testing.T) {
	x := New(Options{Outlets: map[string]string{"The Times": "Times of London", "Kestrel": "Kestrel Policy Institute"}})
	tests := []struct{ in, want string }{
		{"Royal United Services Institute (Rusi)", "RUSI"},
		{"rusi", "RUSI"},
		{"BBC News", "BBC"},
		{"www.bbc.co.uk", "BBC"},
		{"the BBC", "BBC"},
		{"Monday’s Times", "Times of London"}, // the user's alias wins
		{"the Times", "Times of London"},
		{"Sunday Times", "The Sunday Times"},
		{"kestrel", "Kestrel Policy Institute"},
		{"Saturday's Gazette", "Gazette"},
		{"Meridian Wire", "Meridian Wire"},
		{"  ", ""},
	}
	for _, tt := range tests {
		if got := x.outlets.resolve(tt.in); got != tt.want {
			t.Errorf("resolve(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestOutletAtHost(t *testing.T) {
	x := New(Options{Outlets: map[string]string{"Acme Blog": "Acme Weekly"}})
	tests := []struct{ name, url, want string }{
		{"Stack Overflow Blog", "https://stackoverflow.blog/2020/01/20/rust/", "Stack Overflow"},
		{"Spiegel Online", "https://www.spiegel.de/a.html", "Spiegel"},
		{"BBC News", "https://www.bbc.co.uk/news/x", "BBC"},
		{"Google Security Blog", "https://security.googleblog.com/x", "Google Security Blog"}, // the host names no other outlet
		{"Stack Overflow Blog", "", "Stack Overflow Blog"},                                    // no host, no evidence
		{"Acme Blog", "https://acme.com/x", "Acme Weekly"},                                    // the user's alias wins
	}
	for _, tt := range tests {
		if got := x.outlets.resolveAt(tt.name, tt.url); got != tt.want {
			t.Errorf("resolveAt(%q, %q) = %q, want %q", tt.name, tt.url, got, tt.want)
		}
	}
}
