package main

// Type-checking the target package against its dependencies' export data.

import (
	"errors"
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/scanner"
	"go/token"
	"go/types"
	"io"
	"os"
	"path/filepath"
	"sort"
)

// loaded is a type-checked package and everything the records need from it.
type loaded struct {
	importPath string
	dir        string
	goVersion  string
	stamp      string
	pkg        *types.Package
	pos        *positions
	docs       *docIndex
}

// load type-checks the target. compileErr is go list's message when the
// package failed to compile ("" if it compiled).
func load(arg string, target *listedPackage, all []*listedPackage, env goEnvResult, compileErr string) (*loaded, error) {
	fset := token.NewFileSet()
	imp := newExportImporter(fset, all, target.ImportMap)

	cgo := len(target.CgoFiles)+len(target.SwigFiles)+len(target.SwigCXXFiles) > 0
	names := append(append([]string(nil), target.GoFiles...), target.CgoFiles...)
	sort.Strings(names) // go/doc joins package comments in file name order
	pos := newPositions(fset, names)

	files, err := parseFiles(fset, target.Dir, names)
	if err != nil {
		return nil, fmt.Errorf("%s: %s", arg, pos.errorText(err))
	}
	for _, f := range files {
		pos.parsed[fset.File(f.Pos())] = true
	}

	pkg, err := packageTypes(target, cgo, fset, files, imp, env.goarch, compileErr, pos)
	if err != nil {
		return nil, fmt.Errorf("%s: %s", arg, err)
	}

	docs := collectDocs(files, pos)
	if cgo {
		pos.fixExportLines(pkg, files)
	}
	return &loaded{
		importPath: target.ImportPath,
		dir:        target.Dir,
		goVersion:  env.goVersion,
		stamp:      stamp(all),
		pkg:        pkg,
		pos:        pos,
		docs:       docs,
	}, nil
}

// loadAll reads several packages, all from their export data through one
// importer: a type then has one identity across them (checking one from
// source would give it a second *types.Package, whose types go/types does
// not consider identical to the export data's). Their files are parsed for
// docs and positions only, as for a cgo package.
func loadAll(targets []*listedPackage, all []*listedPackage, env goEnvResult) ([]*loaded, error) {
	fset := token.NewFileSet()
	imp := newExportImporter(fset, all, nil)
	st := stamp(all)
	out := make([]*loaded, 0, len(targets))
	for _, target := range targets {
		if target.Name == "main" {
			return nil, fmt.Errorf("%s is a main package (a command); only library packages can be bound",
				target.ImportPath)
		}
		names := append(append([]string(nil), target.GoFiles...), target.CgoFiles...)
		sort.Strings(names)
		pos := newPositions(fset, names)
		files, err := parseFiles(fset, target.Dir, names)
		if err != nil {
			return nil, fmt.Errorf("%s: %s", target.ImportPath, pos.errorText(err))
		}
		for _, f := range files {
			pos.parsed[fset.File(f.Pos())] = true
		}
		pkg, err := imp.Import(target.ImportPath)
		if err != nil {
			return nil, fmt.Errorf("%s: cannot read export data: %v", target.ImportPath, err)
		}
		docs := collectDocs(files, pos)
		pos.fixExportLines(pkg, files)
		out = append(out, &loaded{
			importPath: target.ImportPath,
			dir:        target.Dir,
			goVersion:  env.goVersion,
			stamp:      st,
			pkg:        pkg,
			pos:        pos,
			docs:       docs,
		})
	}
	return out, nil
}

// packageTypes type-checks the parsed files, or for a cgo package reads the
// types from its export data. Errors are phrased for the user, positions
// relative to the package directory.
func packageTypes(target *listedPackage, cgo bool, fset *token.FileSet, files []*ast.File,
	imp *exportImporter, goarch, compileErr string, pos *positions) (*types.Package, error) {
	if cgo {
		// The files refer to C.xxx, which only cmd/cgo can resolve: take the
		// types from the export data the go command built for the package.
		if compileErr != "" {
			return nil, errors.New(compileErr)
		}
		pkg, err := imp.Import(target.ImportPath)
		if err != nil {
			return nil, fmt.Errorf("cannot read export data: %v", err)
		}
		return pkg, nil
	}
	pkg, err := check(target.ImportPath, fset, files, imp, goarch, compileErr != "")
	if err != nil {
		return nil, errors.New(pos.errorText(err))
	}
	if compileErr != "" {
		// go/types accepted what the compiler rejected (e.g. a function
		// without a body): go's own message is all we have.
		return nil, errors.New(compileErr)
	}
	return pkg, nil
}

// parseFiles parses the named files of dir with their comments (for docs).
// The first syntax error found is returned.
func parseFiles(fset *token.FileSet, dir string, names []string) ([]*ast.File, error) {
	files := make([]*ast.File, 0, len(names))
	for _, name := range names {
		f, err := parser.ParseFile(fset, filepath.Join(dir, name), nil,
			parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			if list, ok := err.(scanner.ErrorList); ok && len(list) > 0 {
				return nil, list[0]
			}
			return nil, err
		}
		files = append(files, f)
	}
	return files, nil
}

// check type-checks the parsed files. When the go command says the package
// compiles, function bodies are skipped (they cannot change the API and are
// most of the work); when it does not, everything is checked so that the
// first error can be reported.
func check(path string, fset *token.FileSet, files []*ast.File, imp types.Importer, goarch string, findErrors bool) (*types.Package, error) {
	var errs []types.Error
	conf := types.Config{
		Importer:                 imp,
		Sizes:                    types.SizesFor("gc", goarch),
		IgnoreFuncBodies:         !findErrors,
		DisableUnusedImportCheck: !findErrors,
		Error: func(err error) {
			if e, ok := err.(types.Error); ok {
				errs = append(errs, e)
			}
		},
	}
	pkg, err := conf.Check(path, fset, files, nil)
	if len(errs) > 0 {
		// go/types reports in checking order; the compiler (and the user)
		// expect the first in the source.
		sort.SliceStable(errs, func(i, j int) bool {
			a, b := fset.Position(errs[i].Pos), fset.Position(errs[j].Pos)
			if a.Filename != b.Filename {
				return a.Filename < b.Filename
			}
			return a.Offset < b.Offset
		})
		return nil, errs[0]
	}
	if err != nil {
		return nil, err
	}
	return pkg, nil
}

// exportImporter imports packages from the export data files named by
// go list. Source files may spell an import differently from the package's
// real path (vendoring, including the standard library's own vendor
// directory): the target's ImportMap translates, so that each package is
// loaded once, under its real path.
type exportImporter struct {
	gc        types.ImporterFrom
	importMap map[string]string
}

func newExportImporter(fset *token.FileSet, pkgs []*listedPackage, importMap map[string]string) *exportImporter {
	exports := make(map[string]string, len(pkgs))
	for _, p := range pkgs {
		if p.Export != "" {
			exports[p.ImportPath] = p.Export
		}
	}
	lookup := func(path string) (io.ReadCloser, error) {
		file, ok := exports[path]
		if !ok {
			return nil, fmt.Errorf("no export data for %q", path)
		}
		return os.Open(file)
	}
	gc := importer.ForCompiler(fset, "gc", lookup).(types.ImporterFrom)
	return &exportImporter{gc: gc, importMap: importMap}
}

func (m *exportImporter) Import(path string) (*types.Package, error) {
	return m.ImportFrom(path, "", 0)
}

func (m *exportImporter) ImportFrom(path, dir string, mode types.ImportMode) (*types.Package, error) {
	if real, ok := m.importMap[path]; ok {
		path = real
	}
	return m.gc.ImportFrom(path, dir, mode)
}
