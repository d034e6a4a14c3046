package consts

const (
	Big     = 1 << 100
	Neg     = -42
	Rune    = 'a'
	Han     = '世'
	Float   = 3.5
	Third   = 1.0 / 3
	Huge    = 1e400
	NegHuge = -1e400
	Tiny    = 1e-400
	Cplx    = 1 + 2i
	Str     = "héllo\n\"q\""
	Bad     = "\xff\x00"
	Yes     = 1 < 2
)

// Typed constants.
const (
	I8  int8      = -5
	U64 uint64    = 1<<64 - 1
	F32 float32   = 0.1
	F64 float64   = 2
	C64 complex64 = 3
	S   string    = "s"
	B   bool      = false
)

// Color is an enum.
type Color int

// The colors.
const (
	// Red is first.
	Red Color = iota
	Green
	Blue // line comments are not docs
)

const unexported = 1
