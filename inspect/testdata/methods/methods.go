package methods

// Counter counts.
type Counter struct{ n int }

// Get is a value method.
func (c Counter) Get() int { return c.n }

// Inc is a pointer method.
func (c *Counter) Inc() { c.n++ }

func (c *Counter) reset() { c.n = 0 }

// Named embeds Counter by value.
type Named struct {
	Counter
	Name string
}

// PtrNamed embeds *Counter.
type PtrNamed struct {
	*Counter
}

// Shape is an interface.
type Shape interface {
	// Area is the area.
	Area() float64
	Sizer
	private()
}

// Sizer is embedded in Shape.
type Sizer interface {
	Size() int // Size in bytes.
}

// Celsius has methods on a non-struct type.
type Celsius float64

// String formats c.
func (c Celsius) String() string { return "" }
