// Command mainpkg is a program.
package main

// Exported is exported from package main.
func Exported() int { return 1 }

func main() {}
