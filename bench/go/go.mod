module gopy.bench

go 1.21
