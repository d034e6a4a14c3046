// Package ctxpkg takes context.Context parameters: optional in Python
// (None is context.Background()), with a keyword-only timeout, and
// cancelled by Ctrl-C while the call runs.
package ctxpkg

import (
	"context"
	"errors"
	"time"
)

type key string

// Sleep waits for d, or until ctx is done, and then returns ctx's error.
func Sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Value is the value ctx holds under k ("" when none).
func Value(ctx context.Context, k string) string {
	v, _ := ctx.Value(key(k)).(string)
	return v
}

// Background is context.Background().
func Background() context.Context { return context.Background() }

// WithValue is ctx with the value v under k.
func WithValue(ctx context.Context, k, v string) context.Context {
	return context.WithValue(ctx, key(k), v)
}

// Deadline reports whether ctx has a deadline, and how far it is in seconds.
func Deadline(ctx context.Context) (bool, float64) {
	d, ok := ctx.Deadline()
	return ok, time.Until(d).Seconds()
}

// IsBackground reports whether ctx is context.Background() itself.
func IsBackground(ctx context.Context) bool { return ctx == context.Background() }

// Wait has a parameter named timeout: the keyword is timeout_ then.
func Wait(ctx context.Context, timeout time.Duration) error {
	return Sleep(ctx, timeout)
}

// Count waits n times for d and returns how many waits completed and ctx's
// error if it ended early.
func Count(ctx context.Context, n int, d time.Duration) (int, error) {
	for i := 0; i < n; i++ {
		if err := Sleep(ctx, d); err != nil {
			return i, err
		}
	}
	return n, nil
}

// Join joins parts, or returns ctx's error.
func Join(ctx context.Context, parts ...string) (string, error) {
	if err := ctx.Err(); err != nil {
		return "", err
	}
	s := ""
	for _, p := range parts {
		s += p
	}
	return s, nil
}

// Panics panics after ctx is done or at once.
func Panics(ctx context.Context, now bool) {
	if !now {
		<-ctx.Done()
	}
	panic(errors.New("boom"))
}

// Worker holds a name and sleeps on request.
type Worker struct {
	Name string
}

// Nap sleeps for d under ctx and returns the worker's name.
func (w *Worker) Nap(ctx context.Context, d time.Duration) (string, error) {
	if err := Sleep(ctx, d); err != nil {
		return "", err
	}
	return w.Name, nil
}

// Job holds a context in a field.
type Job struct {
	Ctx  context.Context
	Name string
}

// Run runs the job's work under the job's context.
func (j Job) Run(work func(ctx context.Context) error) error {
	return work(j.Ctx)
}

// Doer is implemented in Go (Worker) or in Python.
type Doer interface {
	Do(ctx context.Context, d time.Duration) (string, error)
}

// Do sleeps for d under ctx and returns the worker's name.
func (w *Worker) Do(ctx context.Context, d time.Duration) (string, error) {
	return w.Nap(ctx, d)
}

// DoWith calls doer.Do with a context holding k=v.
func DoWith(doer Doer, k, v string) (string, error) {
	return doer.Do(WithValue(context.Background(), k, v), 0)
}

// Current is a package variable holding a context (nil at first).
var Current context.Context

// Values returns Value(c, k) for each context.
func Values(cs []context.Context, k string) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		if c != nil {
			out[i] = Value(c, k)
		}
	}
	return out
}

// WithCancel is context.WithCancel.
func WithCancel(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithCancel(ctx)
}

// Derive returns a cancelable child of ctx, whose cancel is dropped: it is
// done when ctx is.
func Derive(ctx context.Context) context.Context {
	c, cancel := context.WithCancel(ctx)
	_ = cancel
	return c
}

// Err is ctx's error as a string ("" while ctx is not done).
func Err(ctx context.Context) string {
	if err := ctx.Err(); err != nil {
		return err.Error()
	}
	return ""
}
