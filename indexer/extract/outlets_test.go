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
