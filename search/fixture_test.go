package search

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/clippings/clippings/corpus"
)

// day, month and year build dates of each precision.
func day(y int, m time.Month, d int) corpus.Date {
	return corpus.NewDate(time.Date(y, m, d, 0, 0, 0, 0, time.UTC), corpus.PrecisionDay)
}

func month(y int, m time.Month) corpus.Date {
	return corpus.NewDate(time.Date(y, m, 1, 0, 0, 0, 0, time.UTC), corpus.PrecisionMonth)
}

func year(y int) corpus.Date {
	return corpus.NewDate(time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC), corpus.PrecisionYear)
}

// fixture returns the test articles. Their ids are short and readable;
// the index does not care how ids are formed.
//
//	id   outlet        countries  topics              people                          date
//	fed  Reuters       US         economy, trade      Janet Yellen                    2015-11-20
//	brx  BBC           GB         politics            David Cameron                   2016-06-24
//	cop  Reuters       FR, DE     politics, climate   Angela Merkel, François Hollande 2015-11 (month)
//	cli  Le Monde      FR         climate             François Hollande               2015 (year)
//	gla  The Guardian  GB         climate, science    -                               none
//	oba  AP            US         elections, politics Barack Obama                    2012-11-07
//	boj  Reuters       JP         economy             Shinzo Abe                      2013-04-04
//	cup  BBC           GB, IE     sport               -                               2014-07-13
//	mer  Der Spiegel   DE         politics            Angela Merkel                   2017-09-24
//	cam  The Guardian  GB         technology          -                               2018-03-17
//	par  AP            US         climate             Barack Obama                    2015-12-12
//	ash  Reuters       IS         science             -                               none
func fixture() []corpus.Article {
	return []corpus.Article{
		{
			ID: "fed", Source: "reuters/fed.html#1", Outlet: "Reuters",
			Title:    "Fed raises interest rates for the first time in a decade",
			Subtitle: "The central bank ends an era of cheap money",
			Authors:  []string{"Ann Smith", "Bob Jones"},
			Date:     day(2015, 11, 20), Section: "Business", Tags: []string{"rates", "fed"},
			People: []string{"Janet Yellen"}, Places: []string{"Washington"},
			Countries: []string{"US"}, Topics: []string{"economy", "trade"},
			Language: "en", URL: "https://example.com/fed",
			Lead: "The Federal Reserve raised its benchmark rate on Friday.",
			Body: "The Federal Reserve raised its benchmark interest rate on Friday, the first increase since 2006.\n\n" +
				"Chair Janet Yellen said the economy had recovered enough to bear higher borrowing costs.",
		},
		{
			ID: "brx", Source: "bbc/brexit.html#1", Outlet: "BBC",
			Title:  "Britain votes to leave the European Union",
			Date:   day(2016, 6, 24),
			People: []string{"David Cameron"}, Countries: []string{"GB"}, Topics: []string{"politics"},
			Lead: "Voters backed leaving the EU by 52% to 48%.",
			Body: "The United Kingdom has voted to leave the European Union in a referendum. " +
				"Prime Minister David Cameron said he would resign.",
		},
		{
			ID: "cop", Source: "reuters/cop.html#1", Outlet: "Reuters",
			Title:     "Leaders gather in Paris for climate summit",
			Date:      month(2015, 11),
			People:    []string{"Angela Merkel", "François Hollande"},
			Countries: []string{"FR", "DE"}, Topics: []string{"politics", "climate"},
			Body: "Heads of state arrived in Paris for two weeks of climate talks. " +
				"Angela Merkel and François Hollande opened the summit.",
		},
		{
			ID: "cli", Source: "lemonde/climat.txt#1", Outlet: "Le Monde",
			Title:  "Climate: the Paris agreement explained",
			Date:   year(2015),
			People: []string{"François Hollande"}, Countries: []string{"FR"}, Topics: []string{"climate"},
			Language: "fr",
			Body:     "The Paris agreement commits nearly every country to limit warming to well below two degrees.",
			Note:     "A piece I wrote for Le Monde's English edition; I also spoke to the BBC about it.",
			Mentions: []string{"BBC"},
		},
		{
			ID: "gla", Source: "guardian/glaciers.html#1", Outlet: "The Guardian",
			Title:     "Glaciers are melting faster than ever",
			Countries: []string{"GB"}, Topics: []string{"climate", "science"},
			Body: "Ice sheets in Greenland and Antarctica are losing mass at an accelerating pace, scientists say.",
		},
		{
			ID: "oba", Source: "ap/obama.html#1", Outlet: "AP",
			Title:  "Obama wins a second term",
			Date:   day(2012, 11, 7),
			People: []string{"Barack Obama"}, Countries: []string{"US"}, Topics: []string{"elections", "politics"},
			Body: "President Barack Obama was re-elected on Tuesday after a hard-fought campaign.",
		},
		{
			ID: "boj", Source: "reuters/boj.html#1", Outlet: "Reuters",
			Title:  "Bank of Japan unleashes massive stimulus",
			Date:   day(2013, 4, 4),
			People: []string{"Shinzo Abe"}, Countries: []string{"JP"}, Topics: []string{"economy"},
			Body: "The Bank of Japan will double its asset purchases and keep interest rates near zero, " +
				"backing the policies of Prime Minister Shinzo Abe.",
		},
		{
			ID: "cup", Source: "bbc/worldcup.html#1", Outlet: "BBC",
			Title:     "Germany win the World Cup",
			Date:      day(2014, 7, 13),
			Countries: []string{"GB", "IE"}, Topics: []string{"sport"},
			Body: "Mario Götze scored in extra time as Germany beat Argentina in Rio de Janeiro.",
		},
		{
			ID: "mer", Source: "spiegel/merkel.html#1", Outlet: "Der Spiegel",
			Title:  "Merkel wins a fourth term",
			Date:   day(2017, 9, 24),
			People: []string{"Angela Merkel"}, Countries: []string{"DE"}, Topics: []string{"politics"},
			Body: "Chancellor Angela Merkel won a fourth term, but her party lost ground to the far right.",
		},
		{
			ID: "cam", Source: "guardian/cambridge.html#1", Outlet: "The Guardian",
			Title:     "Data firm harvested millions of profiles",
			Date:      day(2018, 3, 17),
			Countries: []string{"GB"}, Topics: []string{"technology"},
			Body: "The page loaded <script>alert('data')</script> before the profile data of millions " +
				"of users was harvested & sold.",
		},
		{
			ID: "par", Source: "ap/paris.html#1", Outlet: "AP",
			Title:  "World adopts a climate deal in Paris",
			Date:   day(2015, 12, 12),
			People: []string{"Barack Obama"}, Countries: []string{"US"}, Topics: []string{"climate"},
			Body: "Nearly 200 countries adopted the Paris agreement on Saturday. Barack Obama called it a turning point.",
		},
		{
			ID: "ash", Source: "reuters/ash.html#1", Outlet: "Reuters",
			Title:     "Ash cloud grounds flights across Europe",
			Countries: []string{"IS"}, Topics: []string{"science"},
			Body: "An eruption under the glaciers of Eyjafjallajökull sent a plume of ash over Europe.",
		},
	}
}

// newTestIndex returns an index in a temporary folder holding articles,
// written in two batches.
func newTestIndex(t testing.TB, articles []corpus.Article) *Index {
	t.Helper()
	ix, err := Create(filepath.Join(t.TempDir(), "index"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	half := len(articles) / 2
	for _, batch := range [][]corpus.Article{articles[:half], articles[half:]} {
		if err := ix.Write(context.Background(), batch); err != nil {
			t.Fatal(err)
		}
	}
	return ix
}
