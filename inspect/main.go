// Command gopy-inspect prints the exported API of Go packages as the
// line-oriented text records that gopy (the C program in ../src) reads.
//
// Usage:
//
//	gopy-inspect PKG...
//
// PKG is a directory (./calc, /abs/path/calc, .), an import path that
// resolves from the current directory (strings, net/http, example.com/m/calc)
// or a pattern (./...). Several packages are bound together: the first
// keeps the package header, the others' APIs follow in scope records.
//
// How it works:
//
//  1. `go list -deps -export -json` finds the package, its files and the
//     compiler export data of every dependency (golist.go). The go build
//     cache makes this cheap after the first run.
//  2. A single package's own files are parsed and type-checked with go/types,
//     importing every dependency from its export data, never from source
//     (load.go). A cgo package cannot be type-checked from its raw files,
//     so its own export data is used instead and the files are parsed only
//     for doc comments and positions (docs.go). Several packages are all
//     read from their export data, through one importer, so that a type
//     has one identity across them (load.go: loadAll).
//  3. Every exported declaration is walked in name order; every type it
//     mentions gets a numbered type record (typetable.go, spell.go) and the
//     records are printed (records.go).
//
// The output format is specified in ../docs/records.md (version 1): keep the
// two in step. On failure the only output is one line
// "gopy-inspect: MESSAGE" on stderr, with exit status 1.
package main

import (
	"errors"
	"fmt"
	"os"
	"runtime"
	"strings"
)

func main() {
	out, err := run(os.Args[1:])
	if err == nil {
		_, err = os.Stdout.Write(out)
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "gopy-inspect: %s\n", oneLine(err.Error()))
		os.Exit(1)
	}
}

// run inspects the package named by args and returns the records. All output
// is buffered so that a failure half-way prints nothing on stdout.
func run(args []string) (out []byte, err error) {
	// The C side shows our stderr to users: turn any panic (a bug here or in
	// go/types) into the usual one-line error instead of a stack trace.
	defer func() {
		if r := recover(); r != nil {
			out, err = nil, fmt.Errorf("internal error: %v", r)
		}
	}()
	if len(args) == 0 {
		return nil, errors.New("usage: gopy-inspect PKG... (directories, import paths or patterns)")
	}
	for _, arg := range args {
		if arg == "" || strings.HasPrefix(arg, "-") {
			return nil, errors.New("usage: gopy-inspect PKG... (directories, import paths or patterns)")
		}
	}
	return inspect(args)
}

// inspect loads the packages args name and renders their records.
func inspect(args []string) ([]byte, error) {
	// `go env` is independent of `go list`: run both at once.
	envc := make(chan goEnvResult, 1)
	go func() { envc <- readGoEnv() }()

	all, err := goList(args)
	if err != nil {
		return nil, err
	}
	targets, err := findTargets(args, all)
	if err != nil {
		return nil, err
	}
	if len(targets) > 1 {
		// A package that does not compile has no export data: go's own
		// message is all there is.
		for _, t := range targets {
			compileErr, err := listErrors(t.ImportPath, t)
			if err != nil {
				return nil, err
			}
			if compileErr != "" {
				return nil, fmt.Errorf("%s: %s", t.ImportPath, compileErr)
			}
		}
	}
	arg := strings.Join(args, " ")
	var compileErr string
	if len(targets) == 1 {
		if compileErr, err = listErrors(arg, targets[0]); err != nil {
			return nil, err
		}
	}
	env := <-envc
	if env.err != nil {
		return nil, env.err
	}
	return loadAndWrite(arg, targets, all, env, compileErr)
}

// loadAndWrite type-checks the targets and renders their records.
func loadAndWrite(arg string, targets []*listedPackage, all []*listedPackage, env goEnvResult, compileErr string) (out []byte, err error) {
	defer func() {
		if r := recover(); r != nil {
			out, err = nil, fmt.Errorf("internal error: %v", r)
		}
		if err != nil && env.goVersion != runtime.Version() && exportTrouble(err) {
			// Export data is only readable by a go/types at least as new as
			// the compiler that wrote it (the importer may even panic).
			err = fmt.Errorf("%v (gopy-inspect was built with %s but go is %s: rebuild gopy-inspect with this Go)",
				err, runtime.Version(), env.goVersion)
		}
	}()
	if len(targets) > 1 {
		pkgs, err := loadAll(targets, all, env)
		if err != nil {
			return nil, err
		}
		return writeRecords(pkgs[0], pkgs[1:]), nil
	}
	pkg, err := load(arg, targets[0], all, env, compileErr)
	if err != nil {
		return nil, err
	}
	return writeRecords(pkg, nil), nil
}

// exportTrouble reports whether err may come from unreadable export data.
func exportTrouble(err error) bool {
	msg := err.Error()
	return strings.Contains(msg, "internal error") || strings.Contains(msg, "could not import") ||
		strings.Contains(msg, "export data")
}

// oneLine squeezes a message onto a single line: the error format promises
// exactly one line on stderr.
func oneLine(s string) string {
	var parts []string
	for _, line := range strings.Split(s, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			parts = append(parts, line)
		}
	}
	return strings.Join(parts, " ")
}
