package vars

import "io"

// Counter is a documented var.
var Counter int

// Grouped vars.
var (
	// Name has its own doc.
	Name         = "x"
	Ratio, Scale = 1.5, float32(2)
	Handler      func(string) error
	Table        = map[string][]int{}
	Events       chan struct{}
	Out          io.Writer
	Empty        interface{}
	Anything     any
)

var hidden = 1
