package main

// Asking the go command about the package: `go list` for the package graph
// and export data, `go env` for the toolchain version and architecture.

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
)

// listedPackage holds the fields of `go list -json` output that we use.
type listedPackage struct {
	ImportPath   string
	Name         string
	Dir          string
	GoFiles      []string
	CgoFiles     []string
	SwigFiles    []string
	SwigCXXFiles []string
	Export       string // compiler export data file (-export)
	DepOnly      bool   // only a dependency, not named on the command line
	ImportMap    map[string]string
	Error        *listError
	DepsErrors   []*listError
}

// listError is go list's PackageError.
type listError struct {
	ImportStack []string
	Pos         string
	Err         string
}

// listFields restricts go list's JSON to what listedPackage holds, which
// keeps the output of a big dependency graph small.
const listFields = "ImportPath,Name,Dir,GoFiles,CgoFiles,SwigFiles,SwigCXXFiles," +
	"Export,DepOnly,ImportMap,Error,DepsErrors"

// goList runs `go list -e -deps -export -json` on args (packages and
// patterns) in the current directory. -e makes go list describe broken packages in the Error fields
// instead of failing, so we can tell the user precisely what is wrong;
// -export builds every package (using the build cache) and names its export
// data file.
func goList(args []string) ([]*listedPackage, error) {
	arg := strings.Join(args, " ")
	cmd := exec.Command("go", append([]string{"list", "-e", "-deps", "-export", "-json=" + listFields, "--"}, args...)...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		if msg := firstUsefulLine(stderr.String()); msg != "" {
			return nil, fmt.Errorf("go list %s: %s", arg, msg)
		}
		return nil, fmt.Errorf("cannot run go list: %v", err)
	}
	var pkgs []*listedPackage
	dec := json.NewDecoder(&stdout)
	for {
		p := new(listedPackage)
		err := dec.Decode(p)
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("cannot read go list output: %v", err)
		}
		pkgs = append(pkgs, p)
	}
	if len(pkgs) == 0 {
		// e.g. a pattern like ./x/... that matches nothing; go list only warns.
		if msg := firstUsefulLine(stderr.String()); msg != "" {
			return nil, fmt.Errorf("%s: %s", arg, msg)
		}
	}
	return pkgs, nil
}

// findTargets picks the packages named on the command line (several
// arguments, or a pattern such as ./...) out of go list's output: those that
// are not merely dependencies. The first is the one an argument names
// first (by import path or directory), so that `a b` binds a first;
// the rest follow in the order of the arguments, then by import path.
func findTargets(args []string, pkgs []*listedPackage) ([]*listedPackage, error) {
	var targets []*listedPackage
	for _, p := range pkgs {
		if !p.DepOnly {
			targets = append(targets, p)
		}
	}
	if len(targets) == 0 {
		return nil, fmt.Errorf("%s: matched no packages", strings.Join(args, " "))
	}
	rank := func(p *listedPackage) int {
		for i, arg := range args {
			if arg == p.ImportPath {
				return i
			}
			if abs, err := filepath.Abs(arg); err == nil && p.Dir != "" && abs == p.Dir {
				return i
			}
		}
		return len(args)
	}
	sort.SliceStable(targets, func(i, j int) bool {
		ri, rj := rank(targets[i]), rank(targets[j])
		if ri != rj {
			return ri < rj
		}
		return targets[i].ImportPath < targets[j].ImportPath
	})
	return targets, nil
}

// listErrors turns the errors go list recorded for the target into one
// message. A compile error of the target itself is not final: it is returned
// as compileErr so that load can type-check the files and report the first
// error with its position in the package directory, falling back to
// go's own message.
func listErrors(arg string, t *listedPackage) (compileErr string, err error) {
	if t.Error != nil && !isCompileError(t.Error) {
		if t.Dir == "" {
			return "", fmt.Errorf("cannot find package %q: %s", arg, t.Error.message())
		}
		return "", fmt.Errorf("%s: %s", arg, t.Error.message())
	}
	if len(t.DepsErrors) > 0 {
		e := t.DepsErrors[0]
		if pkg := compiledPackage(e); pkg != "" {
			return "", fmt.Errorf("%s: dependency %s does not compile: %s", arg, pkg, e.message())
		}
		return "", fmt.Errorf("%s: %s", arg, e.message())
	}
	if t.Error != nil {
		return t.Error.message(), nil
	}
	return "", nil
}

// isCompileError reports whether e is the compiler's output, which go list
// introduces with a "# importpath" line, rather than a loading error.
func isCompileError(e *listError) bool {
	return compiledPackage(e) != ""
}

// compiledPackage returns the import path from the "# importpath" header of
// a compiler error, or "" if e is not one.
func compiledPackage(e *listError) string {
	first, _, _ := strings.Cut(strings.TrimLeft(e.Err, "\n"), "\n")
	if strings.HasPrefix(first, "# ") {
		return strings.TrimSpace(first[2:])
	}
	return ""
}

// message condenses e to one useful line, prefixed with its position when go
// list gives one that the text does not already start with.
func (e *listError) message() string {
	msg := firstUsefulLine(e.Err)
	if e.Pos != "" && !strings.HasPrefix(msg, e.Pos) {
		msg = e.Pos + ": " + msg
	}
	return msg
}

// firstUsefulLine extracts the first line of a go command message that says
// something: "# importpath" headers and blank lines are skipped, a "go: "
// prefix is dropped, and a line ending in ":" keeps the line it introduces
// ("...; to add it: go get example.com/x").
func firstUsefulLine(s string) string {
	var lines []string
	for _, line := range strings.Split(s, "\n") {
		line = strings.TrimSpace(line)
		if line != "" && !strings.HasPrefix(line, "# ") {
			lines = append(lines, line)
		}
	}
	if len(lines) == 0 {
		return ""
	}
	msg := strings.TrimPrefix(lines[0], "go: ")
	if strings.HasSuffix(msg, ":") && len(lines) > 1 {
		msg += " " + lines[1]
	}
	return msg
}

// stamp hashes the import path and export data file name of the target and
// every dependency. Export files live in the go build cache under names
// derived from their content, which embeds the build ID of all the inputs
// (sources, flags, dependencies), so the stamp changes whenever anything
// the package is built from changes.
func stamp(pkgs []*listedPackage) string {
	lines := make([]string, 0, len(pkgs))
	for _, p := range pkgs {
		lines = append(lines, p.ImportPath+"\x00"+p.Export+"\n")
	}
	sort.Strings(lines)
	h := sha256.New()
	for _, line := range lines {
		io.WriteString(h, line)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// goEnvResult is what we need from `go env`.
type goEnvResult struct {
	goVersion string // toolchain version, e.g. go1.26.8
	goarch    string // target architecture, for type sizes
	err       error
}

// readGoEnv asks the go command (the one that built the export data and that
// will build the extension, which may differ from the Go that built us) for
// its version and target architecture.
func readGoEnv() goEnvResult {
	var stderr bytes.Buffer
	cmd := exec.Command("go", "env", "GOVERSION", "GOARCH")
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		if msg := firstUsefulLine(stderr.String()); msg != "" {
			return goEnvResult{err: fmt.Errorf("go env: %s", msg)}
		}
		return goEnvResult{err: fmt.Errorf("cannot run go env: %v", err)}
	}
	fields := strings.Fields(string(out))
	if len(fields) != 2 {
		return goEnvResult{err: errors.New("go env: unexpected output for GOVERSION GOARCH")}
	}
	return goEnvResult{goVersion: fields[0], goarch: fields[1]}
}
