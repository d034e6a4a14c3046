// Package iostreams exercises io.Reader, io.Writer and their combinations
// as Python binary file objects.
package iostreams

import (
	"bytes"
	"errors"
	"io"
	"strings"
)

// ErrBroken is what a Broken reader returns after its data.
var ErrBroken = errors.New("broken stream")

// Copy copies src to dst, as io.Copy does.
func Copy(dst io.Writer, src io.Reader) (int64, error) {
	return io.Copy(dst, src)
}

// Discard reads r to its end and returns how many bytes it held.
func Discard(r io.Reader) (int64, error) {
	return io.Copy(io.Discard, r)
}

// Count reads r to its end with reads of at most 7 bytes.
func Count(r io.Reader) (int, error) {
	buf := make([]byte, 7)
	n := 0
	for {
		k, err := r.Read(buf)
		n += k
		if err == io.EOF {
			return n, nil
		}
		if err != nil {
			return n, err
		}
	}
}

// ReadAll is io.ReadAll.
func ReadAll(r io.Reader) ([]byte, error) {
	return io.ReadAll(r)
}

// WriteString writes s to w.
func WriteString(w io.Writer, s string) (int, error) {
	return io.WriteString(w, s)
}

type upper struct{ r io.Reader }

func (u upper) Read(p []byte) (int, error) {
	n, err := u.r.Read(p)
	copy(p, bytes.ToUpper(p[:n]))
	return n, err
}

// Upper is r with ASCII letters in upper case.
func Upper(r io.Reader) io.Reader {
	return upper{r}
}

// Same returns r itself.
func Same(r io.Reader) io.Reader {
	return r
}

// FromString is a reader of s.
func FromString(s string) io.Reader {
	return strings.NewReader(s)
}

// NewBuffer is an empty bytes.Buffer.
func NewBuffer() io.ReadWriter {
	return new(bytes.Buffer)
}

// Nothing is a nil reader.
func Nothing() io.Reader {
	return nil
}

type broken struct {
	data []byte
}

func (b *broken) Read(p []byte) (int, error) {
	if len(b.data) == 0 {
		return 0, ErrBroken
	}
	n := copy(p, b.data)
	b.data = b.data[n:]
	return n, nil
}

// Broken reads s, then fails with ErrBroken.
func Broken(s string) io.Reader {
	return &broken{[]byte(s)}
}

type closer struct {
	io.Reader
	closed *bool
}

func (c closer) Close() error {
	*c.closed = true
	return nil
}

var lastClosed bool

// Closing is a ReadCloser of s whose Close Closed reports.
func Closing(s string) io.ReadCloser {
	lastClosed = false
	return closer{strings.NewReader(s), &lastClosed}
}

// Closed says whether the last Closing reader was closed.
func Closed() bool {
	return lastClosed
}

// CloseIt closes c.
func CloseIt(c io.Closer) error {
	return c.Close()
}

// CopyClose copies src to dst and closes both.
func CopyClose(dst io.WriteCloser, src io.ReadCloser) (int64, error) {
	n, err := io.Copy(dst, src)
	if err != nil {
		return n, err
	}
	if err := src.Close(); err != nil {
		return n, err
	}
	return n, dst.Close()
}

// Echo writes what it reads, through a ReadWriter.
func Echo(rw io.ReadWriter, s string) (string, error) {
	if _, err := io.WriteString(rw, s); err != nil {
		return "", err
	}
	b, err := io.ReadAll(rw)
	return string(b), err
}

// Logger writes lines to Out.
type Logger struct {
	Out    io.Writer
	Prefix string
}

// Log writes Prefix, s and a newline to Out.
func (l *Logger) Log(s string) error {
	_, err := io.WriteString(l.Out, l.Prefix+s+"\n")
	return err
}

// Sink is a package variable of a writer type.
var Sink io.Writer

// ToSink writes s to Sink.
func ToSink(s string) (int, error) {
	return io.WriteString(Sink, s)
}

// Concat reads every reader in turn.
func Concat(rs []io.Reader) ([]byte, error) {
	return io.ReadAll(io.MultiReader(rs...))
}

// Open calls open and reads what it returns.
func Open(open func(name string) (io.Reader, error), name string) (string, error) {
	r, err := open(name)
	if err != nil {
		return "", err
	}
	b, err := io.ReadAll(r)
	return string(b), err
}

// Produce calls consume with a reader of s.
func Produce(s string, consume func(r io.Reader) error) error {
	return consume(strings.NewReader(s))
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

// Zeros is a reader of n zero bytes.
func Zeros(n int64) io.Reader {
	return io.LimitReader(zeros{}, n)
}

// Writers is a container of writers.
func Writers(ws []io.Writer, s string) error {
	_, err := io.WriteString(io.MultiWriter(ws...), s)
	return err
}
