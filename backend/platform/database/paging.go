package database

import "math"

// Offset is the number of rows before page (counted from 1) of pageSize rows. A page number so
// large that the offset would overflow an int starts past the end of any table, so the page is
// empty, as every page after the last is, rather than wrapping round to a negative offset that
// gorm drops (which used to answer page 1).
func Offset(page, pageSize int) int {
	if page < 1 || pageSize < 1 {
		return 0
	}
	if page-1 > math.MaxInt/pageSize {
		return math.MaxInt
	}
	return (page - 1) * pageSize
}
