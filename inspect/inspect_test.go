package main

// The tests build gopy-inspect once and run it as a subprocess, as gopy
// does, from testdata/ (module example.com/insp) or a temporary module.
//
//	go test ./...           # run
//	go test -run Golden -update   # rewrite testdata/golden after a deliberate change

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/golden/*.records")

// inspector is the path of the gopy-inspect binary built by TestMain.
var inspector string

func TestMain(m *testing.M) {
	flag.Parse()
	os.Exit(testMain(m))
}

func testMain(m *testing.M) int {
	dir, err := os.MkdirTemp("", "gopy-inspect-test")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(dir)
	inspector = filepath.Join(dir, "gopy-inspect")
	if runtime.GOOS == "windows" {
		inspector += ".exe"
	}
	if out, err := exec.Command("go", "build", "-o", inspector, ".").CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "building gopy-inspect: %v\n%s", err, out)
		return 1
	}
	return m.Run()
}

type result struct {
	stdout, stderr string
	code           int
}

// runIn runs gopy-inspect with args in dir, with extra environment settings.
func runIn(t *testing.T, dir string, env []string, args ...string) result {
	t.Helper()
	cmd := exec.Command(inspector, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := 0
	if err != nil {
		exit, ok := err.(*exec.ExitError)
		if !ok {
			t.Fatalf("running gopy-inspect: %v", err)
		}
		code = exit.ExitCode()
	}
	return result{stdout.String(), stderr.String(), code}
}

// mustInspect runs gopy-inspect on pkg from testdata and requires success.
func mustInspect(t *testing.T, pkg string, env ...string) string {
	t.Helper()
	r := runIn(t, "testdata", env, pkg)
	if r.code != 0 || r.stderr != "" {
		t.Fatalf("gopy-inspect %s: exit %d, stderr %q", pkg, r.code, r.stderr)
	}
	return r.stdout
}

// mustInspectAll runs gopy-inspect on several packages from testdata.
func mustInspectAll(t *testing.T, pkgs ...string) string {
	t.Helper()
	r := runIn(t, "testdata", nil, pkgs...)
	if r.code != 0 || r.stderr != "" {
		t.Fatalf("gopy-inspect %v: exit %d, stderr %q", pkgs, r.code, r.stderr)
	}
	return r.stdout
}

// goldenPackages are the testdata packages whose whole output is checked.
var goldenPackages = []string{
	"alias", "basic", "calc", "cgocalc", "consts", "generics", "imports",
	"mainpkg", "methods", "params", "recursive", "structs", "vars",
}

func cgoEnabled(t *testing.T) bool {
	out, err := exec.Command("go", "env", "CGO_ENABLED").Output()
	if err != nil {
		t.Fatalf("go env CGO_ENABLED: %v", err)
	}
	return strings.TrimSpace(string(out)) == "1"
}

// normalize replaces what depends on the machine (directory, Go version,
// stamp) so that golden files are portable.
func normalize(out string) string {
	lines := strings.Split(out, "\n")
	for i, line := range lines {
		switch {
		case strings.HasPrefix(line, "package "):
			f := fields(line)
			lines[i] = fmt.Sprintf("package %s %s \"$DIR\" \"$GOVERSION\"", f[1], f[2])
		case strings.HasPrefix(line, "stamp "):
			lines[i] = `stamp "$STAMP"`
		}
	}
	return strings.Join(lines, "\n")
}

func TestGolden(t *testing.T) {
	for _, pkg := range goldenPackages {
		pkg := pkg
		t.Run(pkg, func(t *testing.T) {
			if pkg == "cgocalc" && !cgoEnabled(t) {
				t.Skip("cgo is not enabled")
			}
			got := normalize(mustInspect(t, "./"+pkg))
			golden := filepath.Join("testdata", "golden", pkg+".records")
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -run Golden -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("output differs from %s:\n%s", golden, lineDiff(string(want), got))
			}
		})
	}
}

// lineDiff shows the first differing line of two outputs.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			return fmt.Sprintf("line %d:\nwant %q\ngot  %q", i+1, wl, gl)
		}
	}
	return "(no difference)"
}

// TestLines checks records that matter most, independently of the golden
// files (which -update could rewrite wrongly).
func TestLines(t *testing.T) {
	tests := map[string][]string{
		"calc": {
			`doc "Package calc is a tiny calculator used to test gopy-inspect."`,
			`import calc "example.com/insp/calc" "calc"`,
			`type 4 struct "struct{X float64; Y float64; Label string \"json:\\\"label\\\"\"; hidden int}" 1 4`,
			`field "Label" 6 0 1 "json:\"label\"" "calc.go:8"` + "\n" + `doc "Label names the point."`,
			`field "hidden" 2 0 0 "" "calc.go:9"` + "\n" + `type 5`,
			`field "X" 5 0 1 "" "calc.go:6"` + "\n" + `doc "coordinates"`,
			`typedecl "Point" 3 "calc.go:5"` + "\n" + `doc "Point is a point in the plane."` + "\n" + `method 3 "Norm" 8 0 0 "calc.go:19"`,
			`method 3 "Scale" 9 1 0 "calc.go:16"`,
		},
		"basic": {
			`type 7 basic "byte" 1 uint8`,
			`type 8 basic "rune" 1 int32`,
			`type 22 basic "unsafe.Pointer" 1 unsafe.Pointer`,
			`type 32 signature "func(format string, args ...any) (n int, err error)" 0 1 2 2` + "\n" +
				`param "format" 3` + "\n" + `param "args" 33` + "\n" + `result "n" 2` + "\n" + `result "err" 35`,
			`type 33 slice "[]any" 0 34`,
			`type 35 named "error" 1 36 "" "error" 0`,
			`type 31 signature "func(int, string) bool" 0 0 2 1` + "\n" + `param "" 2`,
			`param "_" 2`,
		},
		"consts": {
			`const "Big" 3 int "1267650600228229401496703205376" "consts.go:4"`,
			`const "Neg" 3 int "-42" "consts.go:5"`,
			`const "Rune" 11 int "97" "consts.go:6"`,
			`type 11 basic "untyped rune" 1 untyped-rune`,
			`const "Han" 11 int "19990" "consts.go:7"`,
			`const "Third" 10 float "0.3333333333333333"`,
			`const "Huge" 10 float "+Inf"`,
			`const "NegHuge" 10 float "-Inf"`,
			`const "Cplx" 7 complex "1 2"`,
			`const "Str" 2 string "héllo\n\"q\""`,
			`const "Bad" 2 string "\xff\x00"`,
			`const "Yes" 15 bool "true"`,
			`const "U64" 14 int "18446744073709551615" "consts.go:22"` + "\n" + `doc "Typed constants."`,
			`const "F64" 9 float "2"`,
			`const "C64" 6 complex "3 0"`,
			`const "Red" 4 int "0" "consts.go:36"` + "\n" + `doc "Red is first."`,
			`const "Green" 4 int "1" "consts.go:37"` + "\n" + `doc "The colors."`,
			`typedecl "Color" 4 "consts.go:31"`,
		},
		"structs": {
			`field "Inner" 6 1 1 "" "structs.go:22"`,
			`field "Base" 12 1 1 "" "structs.go:23"`,
			`field "inner" 15 1 0 "" "structs.go:24"`,
			`field "Name" 9 0 1 "json:\"name,omitempty\" xml:\"n\"" "structs.go:25"` + "\n" + `doc "the name"`,
			`field "X" 3 0 1 "" "structs.go:36"` + "\n" + `doc "A's X"`,
			`field "X" 3 0 1 "" "structs.go:40"` + "\n" + `doc "B's X"`,
			`field "id" 3 0 0 "" ""`, // a field of another package
			`method 10 "Hello" 8 0 1 "structs.go:13"`,
			`method 10 "Key" 19 0 1 ""`,
			`method 10 "Reveal" 8 1 1 "structs.go:18"`,
		},
		"methods": {
			`method 5 "Get" 8 0 0 "methods.go:7"`,
			`method 5 "Inc" 9 1 0 "methods.go:10"`,
			`method 10 "Inc" 9 1 1 "methods.go:10"`,
			`method 12 "Inc" 9 0 1 "methods.go:10"`, // through *Counter: no address needed
			`type 16 interface "interface{Area() float64; private(); methods.Sizer}" 1 3 0`,
			`method 15 "Size" 8 0 0 "methods.go:35"` + "\n" + `doc "Size in bytes."`,
		},
		"generics": {
			`func "Sum" 35 1 "generics.go:9"`,
			`type 35 signature "func[T generics.Number](xs ...T) T" 0 1 1 1`,
			`type 30 interface "interface{~int | ~int64 | float64}" 1 0 1`,
			`type 15 named "generics.List[T any]" 0 16 "example.com/insp/generics" "List" 1`,
			`type 9 named "generics.List[int]" 0 10 "example.com/insp/generics" "List" 0`,
			`var "Ints" 9 "generics.go:40"`,
			`method 7 "Push" 14 1 1 "generics.go:28"`,
			`type 18 typeparam "T" 0`,
		},
		"vars": {
			`var "Counter" 2 "vars.go:6"` + "\n" + `doc "Counter is a documented var."`,
			`var "Name" 6 "vars.go:11"` + "\n" + `doc "Name has its own doc."`,
			`var "Out" 10 "vars.go:16"` + "\n" + `doc "Grouped vars."`,
			`type 3 chan "chan struct{}" 1 4 both`,
			`type 5 signature "func(string) error" 0 0 1 1`,
			`var "Empty" 1 "vars.go:17"`,
			`var "Anything" 1 "vars.go:18"`,
		},
		"alias": {
			`alias "P" 7 "alias.go:9"`,
			`alias "MyInt" 3 "alias.go:12"`,
			`type 4 signature "func(s []string, sep int) alias.Point" 0 0 2 1`,
		},
		"recursive": {
			`type 3 named "recursive.Node" 0 4 "example.com/insp/recursive" "Node" 0`,
			`type 5 pointer "*recursive.Node" 1 3`,
			`type 2 signature "func(recursive.Func) recursive.Func" 0 0 1 1` + "\n" + `param "" 1` + "\n" + `result "" 1`,
		},
		"params": {
			`type 20 chan "chan (<-chan int)" 1 18 both`,
			`type 18 chan "<-chan int" 1 5 recv`,
			`type 19 chan "chan<- string" 1 3 send`,
			`type 11 array "[4]byte" 1 12 4`,
		},
		"mainpkg": {
			`import main_1 "example.com/insp/mainpkg" "main"`,
		},
		"imports": {
			`import imports "example.com/insp/imports" "imports"`,
			`import tmpl "example.com/insp/imports/a/tmpl" "tmpl"`,
			`import tmpl_1 "example.com/insp/imports/b/tmpl" "tmpl"`,
			`import pkg_gopyx "example.com/insp/imports/gopyx" "gopyx"`,
			`import string_1 "example.com/insp/imports/string" "string"`,
			`"func(a *tmpl.Template, b *tmpl_1.Template)"`,
		},
	}
	for pkg, wants := range tests {
		pkg, wants := pkg, wants
		t.Run(pkg, func(t *testing.T) {
			out := mustInspect(t, "./"+pkg)
			for _, want := range wants {
				if !strings.Contains(out, want+"\n") && !strings.Contains(out, want+" ") {
					t.Errorf("missing:\n%s", want)
				}
			}
			if t.Failed() {
				t.Logf("output:\n%s", out)
			}
		})
	}
	if !strings.HasPrefix(mustInspect(t, "./mainpkg"), "gopy-inspect 1\npackage \"example.com/insp/mainpkg\" \"main\" ") {
		t.Errorf("package main not reported as main")
	}
}

func TestCgo(t *testing.T) {
	if !cgoEnabled(t) {
		t.Skip("cgo is not enabled")
	}
	out := mustInspect(t, "./cgocalc")
	for _, want := range []string{
		`func "Add" 1 0 "cgocalc.go:14"` + "\ndoc \"Add adds with C.\"\n",
		`field "X" 2 0 1 "" "cgocalc.go:10"` + "\ndoc \"coordinates\"\n",
		`typedecl "Plain" 5 "plain.go:4"` + "\n",
		`method 6 "Move" 8 1 0 "cgocalc.go:19"` + "\ndoc \"Move moves p.\"\n",
		`const "CInt" 3 int "7" "cgocalc.go:22"` + "\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("missing:\n%s\noutput:\n%s", want, out)
		}
	}
}

func TestHeader(t *testing.T) {
	out := mustInspect(t, "./calc")
	goVersion, err := exec.Command("go", "env", "GOVERSION").Output()
	if err != nil {
		t.Fatal(err)
	}
	dir, err := filepath.Abs(filepath.Join("testdata", "calc"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(out, "\n")
	wantPackage := fmt.Sprintf("package %q %q %q %q", "example.com/insp/calc", "calc", dir,
		strings.TrimSpace(string(goVersion)))
	if lines[0] != "gopy-inspect 1" || lines[1] != wantPackage {
		t.Errorf("header:\n%s\n%s\nwant\ngopy-inspect 1\n%s", lines[0], lines[1], wantPackage)
	}
	if !regexp.MustCompile(`^stamp "[0-9a-f]{64}"$`).MatchString(lines[2]) {
		t.Errorf("bad stamp line %q", lines[2])
	}
}

// TestPackageForms checks that the directory and import path forms of the
// argument give the same records.
func TestPackageForms(t *testing.T) {
	want := mustInspect(t, "./calc")
	abs, err := filepath.Abs(filepath.Join("testdata", "calc"))
	if err != nil {
		t.Fatal(err)
	}
	for _, arg := range []string{"example.com/insp/calc", abs} {
		if got := mustInspect(t, arg); got != want {
			t.Errorf("gopy-inspect %s differs from ./calc:\n%s", arg, lineDiff(want, got))
		}
	}
	if got := runIn(t, filepath.Join("testdata", "calc"), nil, "."); got.stdout != want {
		t.Errorf("gopy-inspect . differs from ./calc:\n%s", lineDiff(want, got.stdout))
	}
}

func TestStdlib(t *testing.T) {
	out := mustInspect(t, "strings")
	checks := []string{
		`^package "strings" "strings" "[^"]+/strings" "go[^"]+"$`,
		`^import strings "strings" "strings"$`,
		`^func "ToUpper" \d+ 0 "strings\.go:\d+"\ndoc "ToUpper returns s with all Unicode letters mapped to their upper case\."$`,
		`^typedecl "Builder" (\d+) "builder\.go:\d+"$`,
		`^method \d+ "WriteString" \d+ 1 0 "builder\.go:\d+"$`,
		`^type \d+ signature "func\(s string, sep string\) \[\]string" 0 0 2 1$`,
	}
	for _, re := range checks {
		if !regexp.MustCompile("(?m)" + re).MatchString(out) {
			t.Errorf("strings: no match for %s", re)
		}
	}
}

// TestWellFormed checks the structure of the output against docs/records.md
// for the test packages and some large standard library packages.
func TestWellFormed(t *testing.T) {
	pkgs := []string{"strings", "net/http", "reflect", "sync/atomic", "go/types"}
	for _, p := range goldenPackages {
		if p != "cgocalc" || cgoEnabled(t) {
			pkgs = append(pkgs, "./"+p)
		}
	}
	for _, pkg := range pkgs {
		if err := checkRecords(mustInspect(t, pkg)); err != nil {
			t.Errorf("%s: %v", pkg, err)
		}
	}
}

func TestDeterministic(t *testing.T) {
	for _, pkg := range []string{"./generics", "./structs", "net/http"} {
		first, second := mustInspect(t, pkg), mustInspect(t, pkg)
		if first != second {
			t.Errorf("%s: two runs differ:\n%s", pkg, lineDiff(first, second))
		}
	}
	// go/types represents aliases differently depending on GODEBUG (and on
	// the Go version); the records must not.
	for _, pkg := range []string{"./alias", "./generics", "./vars"} {
		off := mustInspect(t, pkg, "GODEBUG=gotypesalias=0")
		on := mustInspect(t, pkg, "GODEBUG=gotypesalias=1")
		if off != on {
			t.Errorf("%s: gotypesalias=0 and =1 differ:\n%s", pkg, lineDiff(off, on))
		}
	}
}

// TestStamp checks that the stamp is stable and follows source changes.
func TestStamp(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	stampOf := func() string {
		r := runIn(t, dir, nil, ".")
		if r.code != 0 {
			t.Fatalf("gopy-inspect: %s", r.stderr)
		}
		return strings.Split(r.stdout, "\n")[2]
	}
	write("go.mod", "module example.com/stamp\n\ngo 1.21\n")
	write("s.go", "package s\n\nfunc F() int { return 1 }\n")
	first := stampOf()
	if again := stampOf(); again != first {
		t.Errorf("stamp changed without a change: %s then %s", first, again)
	}
	write("s.go", "package s\n\nfunc F() int { return 2 }\n")
	if changed := stampOf(); changed == first {
		t.Errorf("stamp did not change with the source: %s", changed)
	}
}

func TestErrors(t *testing.T) {
	tests := []struct {
		args []string
		want string // regexp for the whole of stderr
	}{
		{[]string{"example.com/nope"}, `gopy-inspect: cannot find package "example.com/nope": .*example\.com/nope.*`},
		{[]string{"./nosuchdir"}, `gopy-inspect: cannot find package "\./nosuchdir": .+`},
		{[]string{"./broken"}, `gopy-inspect: \./broken: broken\.go:4:9: undefined: foo`},
		{[]string{"./syntax"}, `gopy-inspect: \./syntax: syntax\.go:3:\d+: .+`},
		{[]string{"./usebroken"}, `gopy-inspect: \./usebroken: dependency example\.com/insp/broken does not compile: .*broken\.go:4:9: undefined: foo`},
		{[]string{"./calc", "./broken"}, `gopy-inspect: example\.com/insp/broken: .*broken\.go:4:9: undefined: foo`},
		{[]string{"./calc", "./mainpkg"}, `gopy-inspect: example\.com/insp/mainpkg is a main package .+`},
		{[]string{"./nomatch/..."}, `gopy-inspect: .*nomatch.*`},
		{nil, `gopy-inspect: usage: .+`},
		{[]string{"./calc", "-x"}, `gopy-inspect: usage: .+`},
	}
	for _, tt := range tests {
		r := runIn(t, "testdata", nil, tt.args...)
		if r.code != 1 || r.stdout != "" {
			t.Errorf("gopy-inspect %v: exit %d, stdout %q; want exit 1 and no output", tt.args, r.code, r.stdout)
		}
		if !regexp.MustCompile(`^` + tt.want + `\n$`).MatchString(r.stderr) {
			t.Errorf("gopy-inspect %v: stderr %q, want one line matching %s", tt.args, r.stderr, tt.want)
		}
	}
}

// checkRecords is a small reference reader for docs/records.md: it checks
// the lexical rules, the record order, the counts of field / imethod /
// param / result records and that every type id used is defined.
func checkRecords(out string) error {
	if !strings.HasSuffix(out, "\n") {
		return fmt.Errorf("output does not end with a newline")
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	var recs [][]string
	for i, line := range lines {
		f, err := splitRecord(line)
		if err != nil {
			return fmt.Errorf("line %d: %v: %q", i+1, err, line)
		}
		recs = append(recs, f)
	}
	c := &checker{recs: recs, aliases: map[string]bool{}}
	return c.check()
}

type checker struct {
	recs    [][]string
	i       int
	maxID   int
	used    []int
	aliases map[string]bool
}

// argument shapes: Q quoted string, N integer, B boolean, T type id, W word.
var shapes = map[string]string{
	"gopy-inspect": "N", "package": "QQQQ", "stamp": "Q", "doc": "Q", "import": "WQQ",
	"field": "QTBBQQ", "imethod": "QT", "param": "QT", "result": "QT",
	"func": "QTBQ", "typedecl": "QTQ", "alias": "QTQ", "method": "TQTBBQ",
	"const": "QTWQQ", "var": "QTQ", "scope": "Q",
}

var typeShapes = map[string]string{
	"basic": "W", "named": "TQQB", "pointer": "T", "slice": "T", "array": "TN",
	"map": "TT", "chan": "TW", "struct": "N", "interface": "NB", "signature": "BNN",
	"typeparam": "", "other": "",
}

func (c *checker) next() []string {
	if c.i >= len(c.recs) {
		return nil
	}
	c.i++
	return c.recs[c.i-1]
}

func (c *checker) peek() string {
	if c.i >= len(c.recs) {
		return ""
	}
	return c.recs[c.i][0]
}

// expect reads a record with the given keyword and checks its arguments.
func (c *checker) expect(keyword string) ([]string, error) {
	r := c.next()
	if r == nil || r[0] != keyword {
		return nil, fmt.Errorf("record %d: want %s, got %v", c.i, keyword, r)
	}
	shape := shapes[keyword]
	if keyword == "type" {
		if len(r) < 5 {
			return nil, fmt.Errorf("record %d: short type record", c.i)
		}
		ts, ok := typeShapes[r[2]]
		if !ok {
			return nil, fmt.Errorf("record %d: unknown type kind %s", c.i, r[2])
		}
		shape = "NWQB" + ts
	}
	if keyword == "scope" && len(r) == 3 {
		shape = "QB" // a package bound with the first
	}
	if len(r)-1 != len(shape) {
		return nil, fmt.Errorf("record %d: %s has %d fields, want %d", c.i, keyword, len(r)-1, len(shape))
	}
	for j, s := range shape {
		if err := c.checkArg(byte(s), r[j+1]); err != nil {
			return nil, fmt.Errorf("record %d (%s) field %d: %v", c.i, keyword, j+1, err)
		}
	}
	return r, nil
}

func (c *checker) checkArg(shape byte, arg string) error {
	quoted := strings.HasPrefix(arg, `"`)
	switch shape {
	case 'Q':
		if !quoted {
			return fmt.Errorf("want a quoted string, got %s", arg)
		}
	case 'N', 'T':
		n, err := strconv.Atoi(arg)
		if err != nil || n < 0 || (shape == 'T' && n == 0) {
			return fmt.Errorf("want a number, got %s", arg)
		}
		if shape == 'T' {
			c.used = append(c.used, n)
		}
	case 'B':
		if arg != "0" && arg != "1" {
			return fmt.Errorf("want 0 or 1, got %s", arg)
		}
	case 'W':
		if quoted {
			return fmt.Errorf("want a bare word, got %s", arg)
		}
	}
	return nil
}

func (c *checker) optionalDoc() error {
	if c.peek() == "doc" {
		_, err := c.expect("doc")
		return err
	}
	return nil
}

func (c *checker) check() error {
	if r, err := c.expect("gopy-inspect"); err != nil || r[1] != "1" {
		return fmt.Errorf("bad header: %v", err)
	}
	for _, kw := range []string{"package", "stamp"} {
		if _, err := c.expect(kw); err != nil {
			return err
		}
	}
	if err := c.optionalDoc(); err != nil {
		return err
	}
	for c.peek() == "import" {
		r, _ := c.expect("import")
		if r == nil || c.aliases[r[1]] || reservedAlias(r[1]) || !isIdent(r[1]) {
			return fmt.Errorf("record %d: bad or duplicate import alias %v", c.i, r)
		}
		c.aliases[r[1]] = true
	}
	for c.peek() == "type" {
		if err := c.typeRecord(); err != nil {
			return err
		}
	}
	if err := c.declarations(); err != nil {
		return err
	}
	for _, id := range c.used {
		if id > c.maxID {
			return fmt.Errorf("type id %d used but not defined", id)
		}
	}
	return nil
}

func (c *checker) typeRecord() error {
	r, err := c.expect("type")
	if err != nil {
		return err
	}
	if id, _ := strconv.Atoi(r[1]); id != c.maxID+1 {
		return fmt.Errorf("record %d: type id %s, want %d", c.i, r[1], c.maxID+1)
	}
	c.maxID++
	n := func(k int) int { v, _ := strconv.Atoi(r[k]); return v }
	switch r[2] {
	case "struct":
		for k := 0; k < n(5); k++ {
			if _, err := c.expect("field"); err != nil {
				return err
			}
			if err := c.optionalDoc(); err != nil {
				return err
			}
		}
	case "interface":
		for k := 0; k < n(5); k++ {
			if _, err := c.expect("imethod"); err != nil {
				return err
			}
		}
	case "signature":
		for k := 0; k < n(6)+n(7); k++ {
			kw := "param"
			if k >= n(6) {
				kw = "result"
			}
			if _, err := c.expect(kw); err != nil {
				return err
			}
		}
	}
	return nil
}

func (c *checker) declarations() error {
	lastName, lastType, lastScope := "", "", ""
	scoped := false
	for c.i < len(c.recs) {
		kw := c.peek()
		r, err := c.expect(kw)
		if err != nil {
			return err
		}
		if scoped && kw != "typedecl" && kw != "method" && kw != "scope" {
			return fmt.Errorf("record %d: %s in another package's scope", c.i, kw)
		}
		switch kw {
		case "scope":
			if len(r) == 3 && r[2] == "1" {
				// A package bound with the first: its whole API, before
				// the other packages' types.
				if scoped {
					return fmt.Errorf("record %d: bound package's scope after another package's", c.i)
				}
				lastName, lastType = "", ""
				if err := c.optionalDoc(); err != nil {
					return err
				}
				continue
			}
			path, _ := strconv.Unquote(r[1])
			if path <= lastScope {
				return fmt.Errorf("record %d: scope %s not sorted after %s", c.i, path, lastScope)
			}
			lastScope, lastName, lastType, scoped = path, "", "", true
			continue // no doc

		case "func", "typedecl", "alias", "const", "var":
			name, _ := strconv.Unquote(r[1])
			if name < lastName {
				return fmt.Errorf("record %d: %s not sorted after %s", c.i, name, lastName)
			}
			lastName, lastType = name, ""
			if kw == "typedecl" {
				lastType = r[2]
			}
			if kw == "const" && !map[string]bool{"bool": true, "string": true, "int": true, "float": true, "complex": true}[r[3]] {
				return fmt.Errorf("record %d: bad CKIND %s", c.i, r[3])
			}
		case "method":
			if r[1] != lastType {
				return fmt.Errorf("record %d: method of %s after typedecl %s", c.i, r[1], lastType)
			}
		default:
			return fmt.Errorf("record %d: unexpected %s among declarations", c.i, kw)
		}
		if err := c.optionalDoc(); err != nil {
			return err
		}
	}
	return nil
}

// splitRecord splits a line into its fields: bare tokens and quoted strings
// separated by exactly one space.
func splitRecord(line string) ([]string, error) {
	var fields []string
	for rest := line; ; {
		var field string
		if strings.HasPrefix(rest, `"`) {
			q, err := strconv.QuotedPrefix(rest)
			if err != nil {
				return nil, fmt.Errorf("bad quoted string")
			}
			field = q
		} else {
			field = rest
			if i := strings.IndexByte(rest, ' '); i >= 0 {
				field = rest[:i]
			}
			if field == "" || strings.Trim(field, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:") != "" {
				return nil, fmt.Errorf("bad bare token %q", field)
			}
		}
		fields = append(fields, field)
		rest = rest[len(field):]
		if rest == "" {
			return fields, nil
		}
		if rest[0] != ' ' || len(rest) == 1 {
			return nil, fmt.Errorf("fields not separated by one space")
		}
		rest = rest[1:]
	}
}

// fields is splitRecord for lines known to be well formed.
func fields(line string) []string {
	f, _ := splitRecord(line)
	return f
}

func isIdent(s string) bool {
	return regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`).MatchString(s)
}

// TestSeveral checks several packages bound together: the first keeps the
// header, the others follow in order after scope "PATH" 1 records with
// their whole API, docs and positions; a type they share has one id
// (one identity: all are read from export data through one importer).
func TestSeveral(t *testing.T) {
	out := mustInspectAll(t, "./methods", "./other", "./structs")
	if err := checkRecords(out); err != nil {
		t.Fatalf("records: %v\n%s", err, out)
	}
	lines := strings.Split(out, "\n")
	if !strings.HasPrefix(lines[1], `package "example.com/insp/methods" "methods"`) {
		t.Errorf("header: %s", lines[1])
	}
	for _, want := range []string{
		"import other \"example.com/insp/other\" \"other\"\n",
		"import structs \"example.com/insp/structs\" \"structs\"\n",
		"scope \"example.com/insp/other\" 1\ndoc \"Package other is a dependency of the test packages.\"\n" +
			"typedecl \"Base\" ",
		"\"other.go:5\"\ndoc \"Base is embedded from another package.\"\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in:\n%s", want, out)
		}
	}
	if i, j := strings.Index(out, `scope "example.com/insp/other" 1`), strings.Index(out, `scope "example.com/insp/structs" 1`); i < 0 || j < i {
		t.Errorf("scopes out of order:\n%s", out)
	}
	// other.Base is declared once, as the bound package's, never as
	// another package's type (no plain scope record for it).
	if strings.Count(out, `typedecl "Base"`) != 1 || strings.Contains(out, `scope "example.com/insp/other"`+"\n") {
		t.Errorf("other.Base declared twice or as a foreign type:\n%s", out)
	}
	named := regexp.MustCompile(`(?m)^type (\d+) named "other\.Base"`).FindAllString(out, -1)
	if len(named) != 1 {
		t.Errorf("other.Base has %d type records, want 1", len(named))
	}
	// A pattern gives the same as the packages it matches, sorted.
	if got := mustInspectAll(t, "./imports/..."); !strings.Contains(got, `scope "example.com/insp/imports/a/tmpl" 1`) {
		t.Errorf("./imports/... lacks a listed scope:\n%s", got)
	}
}
