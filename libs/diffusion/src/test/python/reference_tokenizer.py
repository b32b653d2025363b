#!/usr/bin/env python3
"""Golden token ids from openai/CLIP's own simple_tokenizer.py, for ClipTokenizerTest.

Runs the unmodified reference file. Its one dependency that Debian lacks, ftfy, is stubbed: ftfy.fix_text is the
identity here, exactly as in ClipTokenizer (see that class for what ftfy would change). Needs python3-regex.

    git clone https://github.com/openai/CLIP /tmp/CLIP    # any checkout; only clip/simple_tokenizer.py is read
    cd libs/diffusion
    /usr/bin/python3 src/test/python/reference_tokenizer.py /tmp/CLIP/clip/simple_tokenizer.py \
        > src/test/resources/golden/clip_tokenizer.json

The vocabulary is the engine's own copy of bpe_simple_vocab_16e6.txt.gz (byte-identical to openai/CLIP's).
"""
import importlib.util
import json
import sys
import types

VOCAB = "src/main/resources/com/pawprint/diffusion/tokenizer/bpe_simple_vocab_16e6.txt.gz"
CONTEXT_LENGTH = 77

LONG_PROMPT = ("masterpiece, best quality, a highly detailed photograph of mochi_cat, a fluffy orange tabby cat "
               "sitting on a wooden windowsill in warm afternoon sunlight, soft bokeh background, shallow depth of "
               "field, 85mm lens, f/1.8, golden hour, cozy living room with plants and bookshelves, intricate fur "
               "texture, whiskers, bright green eyes looking at the camera, award-winning pet portrait, trending on "
               "artstation, sharp focus, 8k uhd, dslr, film grain, Fujifilm XT3")

TEXTS = [
    "a photo of mochi_cat, a fluffy orange cat",
    "(mochi_cat:1.2), [background], ((masterpiece)), {best quality}, (blurry:0.5)",
    "<lora:mochi:0.8> mochi_cat on a t-shirt, <lora:style_v2:1>",
    "Don't stop! It's the cat's toy; we'll see. They're here, I've been, I'm ok, you'd know",
    "DON'T SHOUT, IT'S LOUD",
    "numbers 1234567 3.14 -42 1e10 100% 2nd 1,000,000 ¾ ²",
    "Café naïve résumé Zoë ÆØÅ straße Crème brûlée",
    "柴犬のポチ 猫 고양이 狗",
    "🐶🐱 dog emoji 👍🏽 ❤️ 👨‍👩‍👧 🏳️‍🌈",
    "  lots   of\tspaces\n\nand\r\nnewlines  ",
    "&amp; &lt;tag&gt; &amp;amp; &quot;quoted&quot; &#39;apos&#39; &nbsp;nbsp &#x1F436; &copy 2024 &notanentity; "
    "&amp &ampx &notin; &notit; &#0; &#128; &#x110000; &#xD800; &#1; &#99999999999999999999; &#x; &#",
    LONG_PROMPT,
    LONG_PROMPT + ", " + LONG_PROMPT,
    "<|startoftext|>hello<|endoftext|> world",
    "",
    "   \t\n  ",
    "'sam's 'ſ test ''quoted'' o'neil",
    "ΟΔΟΣ Σίσυφος İstanbul ǅ",
    "ΑΣ. ΑΣ'Β ʰΣ \U0001D400Σ Σ ΑΣ\u0301 ΑΣ\u0301Β Α'Σ ΑΣ\u200dΣ xΣ 1Σ ΑΣ1",
    "\u00a0nbsp\u2003em\u3000ideographic\u200bzwsp\x1cfs\x1d\x85nel\u2028ls x\x1c",
    "cafe\u0301 decomposed",
    "\ufb01sh ligature, \u2018curly\u2019 \u201cdouble\u201d, \uff21\uff22\uff23\uff11\uff12\uff13 fullwidth",
    "مرحبا नमस्ते สวัสดี Привет",
    "supercalifragilisticexpialidocious xqzjvkwpf antidisestablishmentarianism",
    "!!!??? ... --- ___ *** ~~~ @#$%^&*() \\ / | ` \"",
    "mochi_cat, " * 37,
    "a " * 75,
    "a " * 76,
    "a " * 70 + "supercalifragilisticexpialidocious cat",
]


def load_simple_tokenizer(path):
    ftfy = types.ModuleType("ftfy")
    ftfy.fix_text = lambda text: text  # Debian has no ftfy; identity, as in ClipTokenizer
    sys.modules["ftfy"] = ftfy
    spec = importlib.util.spec_from_file_location("simple_tokenizer", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main():
    module = load_simple_tokenizer(sys.argv[1])
    tokenizer = module.SimpleTokenizer(bpe_path=VOCAB)
    sot, eot = tokenizer.encoder["<|startoftext|>"], tokenizer.encoder["<|endoftext|>"]
    cases = []
    for text in TEXTS:
        cleaned = module.whitespace_clean(module.basic_clean(text)).lower()
        ids = tokenizer.encode(text)
        # SD 1.x: start token, at most 75 text tokens, end token, then end tokens as padding.
        kept = ids[:CONTEXT_LENGTH - 2]
        input_ids = [sot] + kept + [eot] * (CONTEXT_LENGTH - 1 - len(kept))
        case = {"text": text, "cleaned": cleaned, "ids": ids, "input_ids": input_ids,
                "decoded": tokenizer.decode(ids)}
        if len(ids) > len(kept):
            case["dropped_text"] = cleaned[first_dropped_word_offset(tokenizer, cleaned, len(kept)):]
        cases.append(case)
    json.dump({"reference": "openai/CLIP clip/simple_tokenizer.py, ftfy.fix_text stubbed as identity",
               "start_id": sot, "end_id": eot, "vocab_size": len(tokenizer.encoder), "cases": cases},
              sys.stdout, ensure_ascii=True, indent=1)
    sys.stdout.write("\n")


def first_dropped_word_offset(tokenizer, cleaned, kept):
    """Offset in the cleaned text of the pre-token (word) holding the first token that truncation drops."""
    seen = 0
    for match in tokenizer.pat.finditer(cleaned):
        token = "".join(tokenizer.byte_encoder[b] for b in match.group().encode("utf-8"))
        seen += len(tokenizer.bpe(token).split(" "))
        if seen > kept:
            return match.start()
    raise AssertionError("nothing dropped")


if __name__ == "__main__":
    main()
