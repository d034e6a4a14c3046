// Package other is a dependency of the test packages.
package other

// Base is embedded from another package.
type Base struct{ id int }

// Key is promoted from another package.
func (b *Base) Key() int { return b.id }
