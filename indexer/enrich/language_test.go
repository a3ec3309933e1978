package enrich

import (
	"testing"

	"github.com/clippings/clippings/corpus"
)

func TestLanguage(t *testing.T) {
	e := New(Options{})
	tests := []struct {
		name string
		a    corpus.Article
		want string
	}{
		{"English", corpus.Article{Body: "The central bank said on Tuesday that it would keep interest rates " +
			"unchanged for the rest of the year, citing weak growth and falling prices across the region."}, "en"},
		{"French", corpus.Article{Body: "La banque centrale a annoncé mardi qu'elle maintiendrait ses taux " +
			"d'intérêt inchangés pour le reste de l'année, en raison d'une croissance faible et de la baisse des prix."}, "fr"},
		{"German", corpus.Article{Body: "Die Zentralbank teilte am Dienstag mit, dass sie die Zinsen für den " +
			"Rest des Jahres unverändert lassen werde, da das Wachstum schwach sei und die Preise fallen."}, "de"},
		{"Spanish", corpus.Article{Body: "El banco central dijo el martes que mantendría las tasas de interés " +
			"sin cambios durante el resto del año, debido al débil crecimiento y la caída de los precios."}, "es"},
		{"too short", corpus.Article{Body: "Shr 45 cts"}, ""},
		{"kept", corpus.Article{Language: "pt", Body: "The central bank said on Tuesday that it would keep rates."}, "pt"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := tt.a
			e.Enrich(&a)
			if a.Language != tt.want {
				t.Errorf("Language = %q, want %q", a.Language, tt.want)
			}
		})
	}
}
