package search

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"
)

// ErrBusy is returned by a search that found every slot of its lane
// taken and the queue full, or that waited in the queue until its
// deadline: the server should answer 503 and ask to retry shortly.
var ErrBusy = errors.New("search: too many searches at once: try again in a moment")

// lane is a pool of slots with a bounded queue in front of it.
type lane struct {
	slots chan struct{}
	// maxQueued is how many searches may wait for a slot.
	maxQueued int

	mu     sync.Mutex
	queued int
}

func newLane(slots, queued int) *lane {
	return &lane{slots: make(chan struct{}, slots), maxQueued: queued}
}

// acquire takes a slot, waiting in the queue while there is room in it
// and ctx is not done. The returned function gives the slot back.
func (l *lane) acquire(ctx context.Context) (release func(), err error) {
	select {
	case l.slots <- struct{}{}:
		return l.release, nil
	default:
	}
	l.mu.Lock()
	if l.queued >= l.maxQueued {
		l.mu.Unlock()
		return nil, ErrBusy
	}
	l.queued++
	l.mu.Unlock()
	defer func() {
		l.mu.Lock()
		l.queued--
		l.mu.Unlock()
	}()
	select {
	case l.slots <- struct{}{}:
		return l.release, nil
	case <-ctx.Done():
		return nil, fmt.Errorf("%w (%v)", ErrBusy, ctx.Err())
	}
}

func (l *lane) release() { <-l.slots }

// running returns the number of searches that hold a slot of either
// lane.
func (g *gate) running() int { return len(g.light.slots) + len(g.heavy.slots) }

// gate limits the searches that run at once on an index. Expensive
// searches (regular expressions, wildcards, fuzzy words) have a lane of
// their own, so that a flood of them cannot starve the cheap ones; each
// lane has a bounded queue.
type gate struct {
	light, heavy *lane
	// automata remembers the verdicts on the automata of patterns.
	automata *automata
}

func newGate(o Options) *gate {
	light, heavy := o.maxSearches()
	return &gate{light: newLane(light, 8*light), heavy: newLane(heavy, 8*heavy), automata: newAutomata()}
}

// maxSearches returns the slots of the light and heavy lanes.
func (o Options) maxSearches() (light, heavy int) {
	light, heavy = o.MaxSearches, o.MaxHeavySearches
	if light <= 0 {
		light = 2 * runtime.NumCPU()
	}
	if heavy <= 0 {
		heavy = max(1, runtime.NumCPU()/2)
	}
	return light, heavy
}

// slot takes a slot of the light lane for a call other than Search (a
// facet look-up, similar articles), wrapping ErrBusy with what.
func (ix *Index) slot(ctx context.Context, what string) (release func(), err error) {
	release, err = ix.gate.light.acquire(ctx)
	if err != nil {
		return nil, fmt.Errorf("search: %s: %w", what, err)
	}
	return release, nil
}
