#!/usr/bin/env bash
# The ImageMagick side of MerchBenchmark: the T-shirt print file (background flood-filled away from the corner with
# a fuzz, alpha feathered, Lanczos to 3600x4800 on a transparent canvas, 300 DPI, PNG level 6) and its mockup (shirt
# shape, print resized onto the chest, a multiplied shading layer, JPEG q88) plus a 256 px thumbnail.
# Usage: tshirt-imagemagick.sh design.png out-dir
set -euo pipefail
in=$1; out=$2
convert "$in" -alpha set -fuzz 16% -fill none -draw 'matte 0,0 floodfill' -channel A -blur 0x2 +channel \
  -filter Lanczos -resize 3600x4800 -background none -gravity center -extent 3600x4800 \
  -colorspace sRGB -density 300 -units PixelsPerInch -define png:compression-level=6 "$out/print.png"
convert -size 1000x1000 gradient:'#e9e7e4'-'#cfccc8' \
  \( -size 1000x1000 xc:none -fill '#f4f4f2' -draw 'path "M 390,120 C 420,190 580,190 610,120 L 770,160 L 950,340 L 850,440 L 780,380 L 790,930 Q 500,950 210,930 L 220,380 L 150,440 L 50,340 L 230,160 Z"' \
     \( "$out/print.png" -filter Lanczos -resize 360x480 \) -geometry +320+240 -compose atop -composite \
     \( -size 1000x1000 xc:gray92 -seed 1 +noise Gaussian -blur 0x6 \) -geometry +0+0 -compose multiply -composite \) \
  -geometry +0+0 -compose over -composite -quality 88 "$out/mockup.jpg"
convert "$out/mockup.jpg" -filter Lanczos -resize 256x256 -quality 88 "$out/thumb.jpg"
