// Package refdata holds the reference data Fairtender ships: CPV 2008 codes, UK local authorities
// with their ONS codes, London borough neighbours and London postcode districts. The data is
// embedded (see data/SOURCES.md for sources, licences and the attribution to show), parsed once
// on first use and read-only afterwards, so every function is safe for concurrent use.
//
// Because the data is compiled in and checked by the tests, a parse failure is a build defect,
// not a runtime condition: the loaders panic rather than return errors.
package refdata

import (
	"embed"
	"encoding/csv"
	"fmt"
	"io"
)

//go:embed data/*
var files embed.FS

// readCSV reads an embedded CSV file and returns its rows as maps keyed by the header, after
// checking that every column the caller relies on is present.
func readCSV(name string, columns ...string) []map[string]string {
	f, err := files.Open("data/" + name)
	if err != nil {
		panic(fmt.Sprintf("refdata: unable to open %s: %v", name, err))
	}
	defer f.Close()
	r := csv.NewReader(f)
	header, err := r.Read()
	if err != nil {
		panic(fmt.Sprintf("refdata: unable to read header of %s: %v", name, err))
	}
	index := make(map[string]int, len(header))
	for i, h := range header {
		index[h] = i
	}
	for _, c := range columns {
		if _, ok := index[c]; !ok {
			panic(fmt.Sprintf("refdata: %s has no column %q", name, c))
		}
	}
	var rows []map[string]string
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			panic(fmt.Sprintf("refdata: unable to read %s: %v", name, err))
		}
		row := make(map[string]string, len(header))
		for h, i := range index {
			row[h] = rec[i]
		}
		rows = append(rows, row)
	}
	return rows
}
