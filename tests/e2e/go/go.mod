module gopy.test

go 1.21
