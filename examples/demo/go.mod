module gopy.example/demo

go 1.21
