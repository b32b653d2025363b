package com.pawprint.diffusion.tokenizer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Byte-level BPE over one pre-token, as CLIP's {@code SimpleTokenizer.bpe}: the last symbol carries the
 * end-of-word marker, and the lowest-ranked adjacent pair is merged everywhere, left to right, until no ranked pair
 * remains. Results are cached per pre-token; the cache is cleared when it reaches {@link #CACHE_LIMIT} entries so a
 * long-running service cannot grow it without bound.
 */
final class BytePairEncoder {

    static final String END_OF_WORD = "</w>";
    static final int CACHE_LIMIT = 65_536;

    /** Merge rank keyed by {@code first + " " + second}; byte-level symbols never contain a space. */
    private final Map<String, Integer> ranks;
    private final Map<String, List<String>> cache = new ConcurrentHashMap<>();
    private final Map<String, List<String>> unsplittable;

    BytePairEncoder(List<String[]> merges, List<String> unsplittableTokens) {
        Map<String, Integer> byPair = new HashMap<>(merges.size() * 2);
        for (int rank = 0; rank < merges.size(); rank++) {
            // A repeated merge keeps its last rank, as Python's dict(zip(merges, range(n))) does.
            byPair.put(pairKey(merges.get(rank)[0], merges.get(rank)[1]), rank);
        }
        this.ranks = Map.copyOf(byPair);
        Map<String, List<String>> specials = new HashMap<>();
        for (String token : unsplittableTokens) {
            specials.put(token, List.of(token));
        }
        this.unsplittable = Map.copyOf(specials);
    }

    /** The BPE pieces of one pre-token already written in byte-level symbols. */
    List<String> encode(String symbols) {
        List<String> special = unsplittable.get(symbols);
        if (special != null) {
            return special;
        }
        List<String> cached = cache.get(symbols);
        if (cached != null) {
            return cached;
        }
        List<String> pieces = merge(symbols);
        if (cache.size() >= CACHE_LIMIT) {
            cache.clear();
        }
        cache.put(symbols, pieces);
        return pieces;
    }

    int cachedWords() {
        return cache.size();
    }

    private List<String> merge(String symbols) {
        List<String> word = new ArrayList<>(symbols.length());
        for (int i = 0; i < symbols.length() - 1; i++) {
            word.add(String.valueOf(symbols.charAt(i)));
        }
        word.add(symbols.charAt(symbols.length() - 1) + END_OF_WORD);
        while (word.size() > 1) {
            int best = lowestRankedPair(word);
            if (best < 0) {
                break;
            }
            String first = word.get(best);
            String second = word.get(best + 1);
            List<String> merged = new ArrayList<>(word.size() - 1);
            for (int i = 0; i < word.size(); i++) {
                if (i < word.size() - 1 && word.get(i).equals(first) && word.get(i + 1).equals(second)) {
                    merged.add(first + second);
                    i++;
                } else {
                    merged.add(word.get(i));
                }
            }
            word = merged;
        }
        return List.copyOf(word);
    }

    private int lowestRankedPair(List<String> word) {
        int best = -1;
        int bestRank = Integer.MAX_VALUE;
        for (int i = 0; i < word.size() - 1; i++) {
            Integer rank = ranks.get(pairKey(word.get(i), word.get(i + 1)));
            if (rank != null && rank < bestRank) {
                bestRank = rank;
                best = i;
            }
        }
        return best;
    }

    private static String pairKey(String first, String second) {
        return first + ' ' + second;
    }
}
