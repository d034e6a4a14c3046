package gopyx

type T struct{}
