package convs

import (
	"io"
	"strings"
)

// ReadAll reads r to its end (io's streams: Python binary file objects).
func ReadAll(r io.Reader) ([]byte, error) { return io.ReadAll(r) }

// WriteTo writes s to w.
func WriteTo(w io.Writer, s string) (int, error) { return io.WriteString(w, s) }

// Reader is a reader of s.
func Reader(s string) io.Reader { return strings.NewReader(s) }
