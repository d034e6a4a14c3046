// gopy_ctx.go: calls of functions and methods that take a context.Context,
// run so that the caller can interrupt them. The export of such a function
// (glue.go) does not run it: gopyCtxGo registers the call, starts its body
// on a goroutine and returns the call's id, and the caller waits for it in
// short slices (gopy_ctx_wait) between which Python may handle a signal;
// on Ctrl-C the caller cancels the call's context (gopy_ctx_cancel), waits
// for the body to return and takes its failure (gopy_ctx_end). The body
// binds its context argument with gopyCtxCall.bind: the argument (nil is
// context.Background()), under a deadline when the caller asked for a
// timeout, and cancelable (gopyCallCtx).
//
// The body writes its results through the export's out-pointers, which
// point into the caller's memory; the caller always waits for the body to
// return (even when interrupted), so that memory outlives every write.
// Calls without a context never come here.

package main

/*
#include "gopy_abi.h"
*/
import "C"

import (
	"context"
	"fmt"
	"sync"
	"time"
)

// gopyCtxCall is one running call.
type gopyCtxCall struct {
	done    chan struct{} // closed when the body has returned
	fail    C.gopy_fail_addr
	timeout time.Duration // < 0: none

	mu        sync.Mutex
	stop      chan struct{} // closed when the call is cancelled or its argument done
	stopped   bool
	cancelled bool               // gopy_ctx_cancel came (maybe before bind)
	ended     bool               // gopy_ctx_end came: the call has returned
	release   func() bool        // unregisters from the argument (context.AfterFunc)
	deadline  context.CancelFunc // the timeout's
	after     []func()           // gopyCallCtx.AfterFunc's, run on a cancel
}

// gopyCallCtx is the context a call's function gets: its argument (under
// the timeout's deadline), also done when the caller cancels the call.
// Once the call has returned uncancelled it is its argument again, so a
// context the function made from it and returned (context.WithValue)
// outlives the call; it is never a child registered with the argument,
// which would keep one registration per call alive in a long-lived
// cancelable argument.
type gopyCallCtx struct {
	context.Context
	c *gopyCtxCall
}

func (x *gopyCallCtx) Done() <-chan struct{} {
	c := x.c
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.ended && !c.cancelled {
		return x.Context.Done()
	}
	return c.stop
}

// Err is the argument's, or Canceled; when the argument is done it may say
// so a moment before Done's channel is closed (context.AfterFunc's
// goroutine closes it).
func (x *gopyCallCtx) Err() error {
	c := x.c
	c.mu.Lock()
	cancelled := c.cancelled
	c.mu.Unlock()
	if cancelled {
		return context.Canceled
	}
	return x.Context.Err()
}

func (x *gopyCallCtx) String() string { return fmt.Sprint(x.Context) + ".WithCancel" }

// AfterFunc makes gopyCallCtx what the context package calls an
// afterFuncer, which context.AfterFunc and the contexts made from it
// (WithCancel, WithTimeout) register with: f runs once, in a goroutine of
// its own, when the argument is done, even after the call has returned,
// or when the caller cancels the call. A context the function made and
// returned so follows its argument as long as it lives, as in Go, with no
// goroutine watching.
func (x *gopyCallCtx) AfterFunc(f func()) func() bool {
	c := x.c
	var mu sync.Mutex
	state := 0 // 1: f started; 2: stopped
	run := func() {
		mu.Lock()
		start := state == 0
		if start {
			state = 1
		}
		mu.Unlock()
		if start {
			f()
		}
	}
	stopArg := context.AfterFunc(x.Context, run)
	c.mu.Lock()
	if c.cancelled {
		go run()
	} else if !c.ended {
		c.after = append(c.after, run)
	}
	c.mu.Unlock()
	return func() bool {
		stopArg()
		mu.Lock()
		defer mu.Unlock()
		if state != 0 {
			return false
		}
		state = 2
		return true
	}
}

// closeStop closes c.stop once; c.mu is held.
func (c *gopyCtxCall) closeStop() {
	if !c.stopped {
		c.stopped = true
		close(c.stop)
	}
}

var gopyCtxCalls = struct {
	sync.Mutex
	next int64
	m    map[int64]*gopyCtxCall
}{m: map[int64]*gopyCtxCall{}}

// gopyCtx is the context a parameter's record stands for: nil (None) is
// context.Background(). Elsewhere (fields, variables, elements) nil stays
// nil, as for other interfaces.
func gopyCtx(c context.Context) context.Context {
	if c == nil {
		return context.Background()
	}
	return c
}

// gopyCtxGo starts body on a goroutine as call *id; timeoutNs < 0 is no
// timeout. The export returns what this returns: 0, the call started.
func gopyCtxGo(timeoutNs int64, id *int64, body func(c *gopyCtxCall) C.gopy_fail_addr) C.gopy_fail_addr {
	c := &gopyCtxCall{
		done:    make(chan struct{}),
		stop:    make(chan struct{}),
		timeout: time.Duration(timeoutNs),
	}
	gopyCtxCalls.Lock()
	gopyCtxCalls.next++
	n := gopyCtxCalls.next
	gopyCtxCalls.m[n] = c
	gopyCtxCalls.Unlock()
	*id = n
	go func() {
		defer close(c.done)
		c.fail = body(c)
	}()
	return 0
}

// bind makes the context the call's function gets from its argument ctx.
func (c *gopyCtxCall) bind(ctx context.Context) context.Context {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.timeout >= 0 {
		ctx, c.deadline = context.WithTimeout(ctx, c.timeout)
	}
	if c.cancelled || ctx.Err() != nil {
		c.closeStop()
	} else if ctx.Done() != nil {
		c.release = context.AfterFunc(ctx, func() {
			c.mu.Lock()
			defer c.mu.Unlock()
			c.closeStop()
		})
	}
	return &gopyCallCtx{ctx, c}
}

func gopyCtxLookup(id int64) *gopyCtxCall {
	gopyCtxCalls.Lock()
	defer gopyCtxCalls.Unlock()
	c := gopyCtxCalls.m[int64(id)]
	if c == nil {
		panic("gopy: no running call with this id")
	}
	return c
}

// gopy_ctx_wait waits for call id to return, at most ms milliseconds
// (ms < 0: as long as it takes): 1 when it has returned, else 0.
//
//export gopy_ctx_wait
func gopy_ctx_wait(id C.longlong, ms C.longlong) C.int {
	c := gopyCtxLookup(int64(id))
	if ms < 0 {
		<-c.done
		return 1
	}
	t := time.NewTimer(time.Duration(ms) * time.Millisecond)
	defer t.Stop()
	select {
	case <-c.done:
		return 1
	case <-t.C:
		return 0
	}
}

// gopy_ctx_cancel cancels call id's context (the call's function sees
// context.Canceled); the caller still waits for the call to return.
//
//export gopy_ctx_cancel
func gopy_ctx_cancel(id C.longlong) {
	c := gopyCtxLookup(int64(id))
	c.mu.Lock()
	defer c.mu.Unlock()
	c.cancelled = true
	c.closeStop()
	for _, run := range c.after {
		go run()
	}
	c.after = nil
}

// gopy_ctx_end forgets call id, which has returned (gopy_ctx_wait said 1),
// and returns its failure (0: none), which the caller frees as any other.
//
//export gopy_ctx_end
func gopy_ctx_end(id C.longlong) C.gopy_fail_addr {
	c := gopyCtxLookup(int64(id))
	<-c.done
	gopyCtxCalls.Lock()
	delete(gopyCtxCalls.m, int64(id))
	gopyCtxCalls.Unlock()
	c.mu.Lock()
	c.ended = true
	c.after = nil // no cancel can come now
	release, deadline := c.release, c.deadline
	c.mu.Unlock()
	if release != nil {
		release()
	}
	if deadline != nil {
		deadline() // releases its timer: contexts made from it are done
	}
	return c.fail
}
