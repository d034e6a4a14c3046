// Package small is the package whose gopy build time is measured.
package small

// Add returns a + b.
func Add(a, b int) int { return a + b }

// Greet returns a greeting for name.
func Greet(name string) string { return "Hello, " + name }

// Counter counts.
type Counter struct {
	N int
}

// Inc adds one to the counter.
func (c *Counter) Inc() { c.N++ }
