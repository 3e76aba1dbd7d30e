package evaluation

import (
	"math"
	"slices"
)

// PriceScore is one price's score by a method: from 0 to 1 of the price weight.
type PriceScore struct {
	Score    float64
	Abnormal bool // under the abnormally-low line (or zero): the council must look into it
}

// ScorePrices scores prices (in pence, one per bid, in any order) by a published method. The
// result is in the same order. A price of zero scores in full and is always flagged abnormal,
// and then the lowest-price method leaves every other price nothing: the council must look into
// a zero before relying on the scores. abnormalPct flags prices under that percentage of the
// median (0 flags only zero).
func ScorePrices(method string, budget int64, abnormalPct int, prices []int64) []PriceScore {
	out := make([]PriceScore, len(prices))
	if len(prices) == 0 {
		return out
	}
	sorted := slices.Clone(prices)
	slices.Sort(sorted)
	lowest := sorted[0]
	median := float64(sorted[len(sorted)/2])
	if len(sorted)%2 == 0 {
		median = (float64(sorted[len(sorted)/2-1]) + float64(sorted[len(sorted)/2])) / 2
	}
	// Distinct prices, lowest first: equal prices share a rank.
	distinct := slices.Compact(slices.Clone(sorted))
	for i, p := range prices {
		switch method {
		case PriceBudget:
			switch {
			case budget <= 0 || p <= budget:
				out[i].Score = 1
			default:
				out[i].Score = float64(budget) / float64(p)
			}
		case PriceRanking:
			if len(distinct) == 1 {
				out[i].Score = 1
			} else {
				rank := slices.Index(distinct, p)
				out[i].Score = float64(len(distinct)-1-rank) / float64(len(distinct)-1)
			}
		default:
			switch {
			case p == 0:
				out[i].Score = 1
			case lowest == 0:
				out[i].Score = 0
			default:
				out[i].Score = float64(lowest) / float64(p)
			}
		}
		out[i].Abnormal = p == 0 || float64(p) < median*float64(abnormalPct)/100
	}
	return out
}

// round2 rounds to two decimal places, as scores are shown.
func round2(x float64) float64 { return math.Round(x*100) / 100 }
