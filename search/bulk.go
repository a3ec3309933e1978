package search

import (
	"fmt"
	"sync"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
)

// A Bulk index (Options.Bulk) is written with bleve's unsafe batches: a
// Write returns once its batch is searchable, and bleve writes it to disk
// in the background. bulkState counts the batches not yet on disk, so
// that Close can wait for them, and receives the errors bleve meets
// writing them, so that a full disk fails the build instead of being
// retried for ever.

// asyncErrors names, in bleve's registry of callbacks, the callback that
// hands the background errors of a Bulk index to its bulkState.
const asyncErrors = "clippings.bulk"

// bulkIndexes are the bulkStates of the Bulk indexes open in this
// process, by the path of their store, which is how bleve names the index
// whose background work failed. It is process-wide because bleve's
// registry of callbacks is: a name in it is filled once, at init.
var bulkIndexes sync.Map

func init() {
	scorch.RegistryAsyncErrorCallbacks[asyncErrors] = func(err error, path string) {
		if st, ok := bulkIndexes.Load(path); ok {
			st.(*bulkState).fail(err)
		}
	}
}

// bulkState is the state of a Bulk index. Its methods do nothing on a nil
// *bulkState, the state of any other index.
type bulkState struct {
	store string
	// maxSegment is the most articles a merge puts in one segment.
	maxSegment int

	mu      sync.Mutex
	changed *sync.Cond // broadcast when pending falls or err is set
	pending int        // batches handed to bleve and not yet on disk
	err     error      // the first error writing a batch
}

// maxUnpersisted is how many batches of a Bulk index may wait in memory
// to be written to disk; a Write waits beyond it, so that memory stays
// bounded when the disk is slower than the writers.
const maxUnpersisted = 8

func newBulkState(store string, maxSegment int) *bulkState {
	st := &bulkState{store: store, maxSegment: maxSegment}
	st.changed = sync.NewCond(&st.mu)
	bulkIndexes.Store(store, st)
	return st
}

// add counts b as pending until bleve says it is on disk, once fewer than
// maxUnpersisted batches are; it fails when writing one has failed.
func (st *bulkState) add(b *bleve.Batch) error {
	st.mu.Lock()
	defer st.mu.Unlock()
	for st.pending >= maxUnpersisted && st.err == nil {
		st.changed.Wait()
	}
	if st.err != nil {
		return fmt.Errorf("writing to disk: %w", st.err)
	}
	st.pending++
	b.SetPersistedCallback(st.persisted)
	return nil
}

// persisted is called by bleve once a batch is on disk, with nil, or
// when it will not be, with the error.
func (st *bulkState) persisted(err error) {
	if st == nil {
		return
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	st.pending--
	if err != nil && st.err == nil {
		st.err = err
	}
	st.changed.Broadcast()
}

// fail records an error of bleve's background work.
func (st *bulkState) fail(err error) {
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.err == nil {
		st.err = err
	}
	st.changed.Broadcast()
}

// wait waits until every batch is on disk, or until writing one failed.
func (st *bulkState) wait() error {
	st.mu.Lock()
	defer st.mu.Unlock()
	for st.pending > 0 && st.err == nil {
		st.changed.Wait()
	}
	if st.err != nil {
		return fmt.Errorf("writing to disk: %w", st.err)
	}
	return nil
}

// close forgets the index.
func (st *bulkState) close() {
	if st != nil {
		bulkIndexes.Delete(st.store)
	}
}

// segments returns the number of segments of the index, of every shard,
// as bleve's statistics count them, or -1 when they do not say.
func (ix *Index) segments() int {
	n := 0
	for _, sh := range ix.shards {
		m, ok := sh.b.StatsMap()["index"].(map[string]any)
		if !ok {
			return -1
		}
		files, ok1 := m["num_root_filesegments"].(uint64)
		mem, ok2 := m["num_root_memorysegments"].(uint64)
		if !ok1 || !ok2 {
			return -1
		}
		n += int(files + mem)
	}
	return n
}
