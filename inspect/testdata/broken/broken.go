package broken

func F() int {
	return foo
}
