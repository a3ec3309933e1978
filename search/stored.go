package search

import (
	"bytes"
	"slices"
	"sort"

	"github.com/blevesearch/bleve/v2"
	bdoc "github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/index/scorch"
	bsearch "github.com/blevesearch/bleve/v2/search"
	index "github.com/blevesearch/bleve_index_api"
)

// The stored fields of a page's hits were read by a search for their ids:
// bleve looks each id up in the id dictionary of every segment (twice: in
// the search, then to read the article), and reads every stored field of
// the article, the long ones no page shows included, into a document,
// before keeping those asked for. At 200,000 articles (9 segments) this
// took 0.22 ms of a search's 1.7 ms, against 0.14 ms at 20,000 (4
// segments). The hits kept by this package's own searches know their
// numbers in the snapshot: loadStored reads the fields asked for straight
// from the segment that holds each, and gives them to bleve's own
// LoadAndHighlightFields, so that their values are those a search gives.

// loadStored sets the stored fields named of hits, read by their numbers
// (IndexInternalID) from the segments that hold them. It returns false,
// having read nothing, unless the index is read-only (so that the
// numbers the hits were found with still hold) and of one shard, and
// every hit has its number.
func (ix *Index) loadStored(hits bsearch.DocumentMatchCollection, fields []string) (bool, error) {
	if !ix.opts.ReadOnly || len(ix.shards) != 1 {
		return false, nil
	}
	for _, h := range hits {
		if len(h.IndexInternalID) == 0 {
			return false, nil
		}
	}
	rs, closeReaders, err := ix.readers()
	if err != nil {
		return false, err
	}
	defer closeReaders()
	snap, ok := rs[0].(*scorch.IndexSnapshot)
	if !ok {
		return false, nil
	}
	r := &numberedReader{IndexSnapshot: snap, segs: snap.Segments(), starts: segmentStarts(snap),
		nums: make(map[string]uint64, len(hits)), want: map[string]bool{}}
	for _, h := range hits {
		r.nums[h.ID] = h.IndexInternalID.Value()
	}
	for _, f := range fields {
		r.want[f] = true
	}
	req := &bleve.SearchRequest{Fields: fields}
	for _, h := range hits {
		h.Fields = nil
		if err, _ := bleve.LoadAndHighlightFields(h, req, "", r, nil); err != nil {
			return true, err
		}
	}
	return true, nil
}

// numberedReader is a snapshot whose Document reads the articles of
// known numbers from their segments, with only the stored fields wanted
// ("*" for all), as the snapshot's own Document reads them.
type numberedReader struct {
	*scorch.IndexSnapshot
	segs   []*scorch.SegmentSnapshot
	starts []uint64 // segmentStarts
	nums   map[string]uint64
	want   map[string]bool
}

// Document implements index.IndexReader.
func (r *numberedReader) Document(id string) (index.Document, error) {
	num, ok := r.nums[id]
	if !ok {
		return r.IndexSnapshot.Document(id)
	}
	i := sort.Search(len(r.starts), func(i int) bool { return r.starts[i] > num }) - 1
	if i < 0 || i >= len(r.segs) {
		return nil, nil
	}
	doc := bdoc.NewDocument(id)
	err := r.segs[i].VisitDocument(num-r.starts[i], func(name string, typ byte, val []byte, pos []uint64) bool {
		if name == "_id" || !(r.want[name] || r.want["*"]) {
			return true
		}
		// The segment's bytes are only valid during the call.
		value, arrayPos := bytes.Clone(val), slices.Clone(pos)
		switch typ {
		case 't':
			doc.AddField(bdoc.NewTextField(name, arrayPos, value))
		case 'n':
			doc.AddField(bdoc.NewNumericFieldFromBytes(name, arrayPos, value))
		case 'i':
			doc.AddField(bdoc.NewIPFieldFromBytes(name, arrayPos, value))
		case 'd':
			doc.AddField(bdoc.NewDateTimeFieldFromBytes(name, arrayPos, value))
		case 'b':
			doc.AddField(bdoc.NewBooleanFieldFromBytes(name, arrayPos, value))
		case 'g':
			doc.AddField(bdoc.NewGeoPointFieldFromBytes(name, arrayPos, value))
		case 's':
			doc.AddField(bdoc.NewGeoShapeFieldFromBytes(name, arrayPos, value))
		}
		return true
	})
	if err != nil {
		return nil, err
	}
	return doc, nil
}
