package search

import (
	"bytes"
	"slices"
	"strings"

	"github.com/blevesearch/bleve/v2/analysis"
	bdoc "github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/mapping"
	index "github.com/blevesearch/bleve_index_api"
)

// This file analyzes each text field and its unstemmed twin
// (unstemmedSuffix) in one pass. The twin's analyzer is the text
// analyzer without its last token filter, the Porter stemmer
// (newMapping), so the twin's tokens are the text field's tokens just
// before stemming: the text is tokenized and filtered once, the tokens
// are copied, and the stemmer runs on the copy. Analyzed separately, as
// bleve would, the twins took a quarter of a reindex's CPU time.
// TestTwinAnalysisSame checks that both ways give the same terms,
// frequencies, positions and lengths.

// mapDocument returns the bleve document of an article's index document
// data, mapped with m as bleve's Batch.Index would, with each text field
// paired with its twin.
func mapDocument(m mapping.IndexMapping, id string, data map[string]any) (*bdoc.Document, error) {
	d := bdoc.NewDocument(id)
	if err := m.MapDocument(d, data); err != nil {
		return nil, err
	}
	pairTwins(d)
	return d, nil
}

// pairTwins replaces each text field of d that is followed by its
// unstemmed twin, as the mapping emits them, with a pair that shares one
// analysis. A field whose analyzer is not a plain chain of filters, or
// whose twin does not hold the same text, is left as it is.
func pairTwins(d *bdoc.Document) {
	for i := 0; i+1 < len(d.Fields); i++ {
		stem, ok := d.Fields[i].(*bdoc.TextField)
		if !ok || !isTextField(stem.Name()) || strings.HasSuffix(stem.Name(), unstemmedSuffix) {
			continue
		}
		twin, ok := d.Fields[i+1].(*bdoc.TextField)
		if !ok || twin.Name() != stem.Name()+unstemmedSuffix ||
			!bytes.Equal(stem.Value(), twin.Value()) ||
			!slices.Equal(stem.ArrayPositions(), twin.ArrayPositions()) {
			continue
		}
		a, ok := stem.Analyzer().(*analysis.DefaultAnalyzer)
		if !ok || len(a.TokenFilters) == 0 {
			continue
		}
		p := &twinPair{analyzer: a, stem: stem, twin: twin}
		d.Fields[i] = &pairedField{TextField: stem, pair: p, stemmed: true}
		d.Fields[i+1] = &pairedField{TextField: twin, pair: p}
		i++
	}
}

// twinPair is the shared analysis of a text field and its twin. It is
// analyzed by whichever of the two bleve analyzes first; bleve analyzes
// the fields of one document in one goroutine, one after the other.
type twinPair struct {
	analyzer   *analysis.DefaultAnalyzer
	stem, twin *bdoc.TextField
	done       bool

	stemLen, twinLen   int
	stemFreq, twinFreq index.TokenFrequencies
}

// analyze runs the stemmed analyzer once, keeping a copy of the tokens
// before its last filter (the stemmer) for the twin.
func (p *twinPair) analyze() {
	if p.done {
		return
	}
	p.done = true
	input := p.stem.Value()
	if p.stem.Options().IsStored() {
		// The tokens point into the text, which bleve keeps as the
		// stored value (as document.TextField.Analyze does).
		input = bytes.Clone(input)
	}
	for _, cf := range p.analyzer.CharFilters {
		input = cf.Filter(input)
	}
	tokens := p.analyzer.Tokenizer.Tokenize(input)
	last := len(p.analyzer.TokenFilters) - 1
	for _, tf := range p.analyzer.TokenFilters[:last] {
		tokens = tf.Filter(tokens)
	}
	// The stemmer replaces each token's term with a new slice, so copies
	// of the tokens keep the words as they were.
	copies := make([]analysis.Token, len(tokens))
	spelled := make(analysis.TokenStream, len(tokens))
	for i, t := range tokens {
		copies[i] = *t
		spelled[i] = &copies[i]
	}
	tokens = p.analyzer.TokenFilters[last].Filter(tokens)

	p.stemLen, p.twinLen = len(tokens), len(spelled)
	p.stemFreq = analysis.TokenFrequency(tokens, p.stem.ArrayPositions(), p.stem.Options())
	p.twinFreq = analysis.TokenFrequency(spelled, p.twin.ArrayPositions(), p.twin.Options())
}

// pairedField is a text field or its twin whose analysis is shared
// through their twinPair.
type pairedField struct {
	*bdoc.TextField
	pair    *twinPair
	stemmed bool
}

// Analyze analyzes both fields of the pair, once.
func (f *pairedField) Analyze() { f.pair.analyze() }

// AnalyzedLength returns the number of tokens of the field.
func (f *pairedField) AnalyzedLength() int {
	if f.stemmed {
		return f.pair.stemLen
	}
	return f.pair.twinLen
}

// AnalyzedTokenFrequencies returns the terms of the field.
func (f *pairedField) AnalyzedTokenFrequencies() index.TokenFrequencies {
	if f.stemmed {
		return f.pair.stemFreq
	}
	return f.pair.twinFreq
}
