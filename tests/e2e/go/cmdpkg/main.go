// Command cmdpkg is a main package, which cannot be bound.
package main

func Hello() string { return "hi" }

func main() {}
