// Package ctx takes context.Context parameters: the calls run on a
// goroutine the caller waits for, can be cancelled, and take a timeout.
package ctx

import (
	"context"
	"time"
)

// Sleep waits for d or until ctx is done.
func Sleep(ctx context.Context, d time.Duration) error {
	select {
	case <-time.After(d):
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Err is ctx's error, as a string.
func Err(ctx context.Context) string {
	if err := ctx.Err(); err != nil {
		return err.Error()
	}
	return ""
}

// Background is context.Background().
func Background() context.Context { return context.Background() }

// Timer counts its naps.
type Timer struct{ Naps int }

// Nap sleeps for d under ctx, counting the naps that completed.
func (t *Timer) Nap(ctx context.Context, d time.Duration) (int, error) {
	if err := Sleep(ctx, d); err != nil {
		return t.Naps, err
	}
	t.Naps++
	return t.Naps, nil
}
