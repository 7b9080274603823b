#!/usr/bin/env python3
"""Builds the larger x2/x3/x4 training corpus of issue 18 from scratch, reproducibly.

Sources, all obtainable on this machine and under licences that allow it:
  * T91 (all 91 images) and BSD200 minus the 20 images that
    `train --validation BSD200 --validation-count 20` validates on (every tenth by file name,
    exactly as TrainCommand.spread picks them), copied from the shared data folder;
  * natural photographs from Debian desktop-background packages (WALLPAPER_PACKAGES), each
    picture once, at its largest resolution, chosen by the reviewed list PHOTOS below.

Every wallpaper is shrunk with ImageMagick's Catmull-Rom bicubic (`-filter Catrom -resize`,
antialiased when shrinking: the kernel of MATLAB's imresize 'bicubic') by the factor
max(MIN_JPEG_FACTOR if the source is a JPEG, long side / MAX_SIDE), which removes compression
artefacts and keeps the corpus within what the trainer holds in memory. Pictures that look
alike (512-bit difference hash of a 17x17 grey thumbnail within DUPLICATE_BITS bits) are kept
once, the largest; any picture that matches a test-set image (Set5, Set14, BSD100,
BSDS500-test) in the same way is dropped, so no test image can leak in.

Writes PNGs (8-bit RGB, no metadata) into the output folder, flat, plus MANIFEST.tsv (file,
source package, original path, licence, original size, corpus size, sha256) and VERSION (the
corpus tag: the version of this recipe and a hash of every output file's sha256). Needs
python3 with numpy, and ImageMagick's `convert` and `identify`; the packages are installed with
apt-get when missing and the script runs as root (otherwise it says which to install).
"""

import argparse
import fnmatch
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

import numpy as np

RECIPE = "v1"
MAX_SIDE = 1200          # long side of a wallpaper in the corpus, at most
MIN_JPEG_FACTOR = 2.0    # JPEG sources are shrunk by at least this
DUPLICATE_BITS = 48      # difference-hash distance (of 512 bits) at or below which two
                         # pictures are one
VALIDATION_COUNT = 20    # train --validation BSD200 --validation-count 20

WALLPAPER_PACKAGES = [
    "plasma-workspace-wallpapers", "mate-backgrounds", "gnome-backgrounds", "desktop-base",
    "lomiri-wallpapers", "lomiri-wallpapers-16.04", "lomiri-wallpapers-20.04",
    "ukui-wallpapers", "sway-backgrounds",
]
TEST_SETS = ["Set5", "Set14", "BSD100", "BSDS500-test"]
RASTER = (".jpg", ".jpeg", ".png", ".webp")
# Never pictures: previews, logos and artwork of login screens, boot splashes, icons.
NOT_PICTURES = re.compile(r"screenshot|/previews?/|logo|/login|/grub|plymouth|/icons?/|/pixmaps/")

# The natural photographs among the packages' pictures (picture keys as printed by --list),
# chosen by looking at every candidate (--contact-sheet). Everything else is a rendering,
# drawing, vector art, gradient or a photograph so processed (heavy blur, posterised
# colours, overlaid graphics) that it is not a natural photograph; REJECTED says why for the
# raster ones. SVG files are vector art and never candidates.
PHOTOS = {
    "lomiri-wallpapers-16.04:Bridge_by_Sander_Klootwijk": "bridge cables over a beach",
    "lomiri-wallpapers-16.04:Dragonfly_by_Bolly": "dragonfly on a branch, leaves",
    "lomiri-wallpapers-16.04:Picture_0B_by_freespace": "fig in a red bowl on concrete",
    "lomiri-wallpapers-16.04:Picture_1A_by_freespace": "paint brushes",
    "lomiri-wallpapers-16.04:Wine_by_Jakkub_Mede": "room with a drum and a wine bottle",
    "lomiri-wallpapers-16.04:aitzgorri_by_Aitzol_Berasategi": "mountain, autumn forest",
    "lomiri-wallpapers-16.04:analogpattern_by_Peter_Nerlich": "textured surface, close-up",
    "lomiri-wallpapers-16.04:free_by_Peter_Nerlich": "lamps and a toy bird",
    "lomiri-wallpapers-16.04:friends_by_Aitzol_Berasategi": "two dogs at a door",
    "lomiri-wallpapers-16.04:greentock_by_Peter_Nerlich": "wall clock",
    "lomiri-wallpapers-16.04:life_by_Aitzol_Berasategi": "forest stream",
    "lomiri-wallpapers-16.04:picosdeeuropa_by_Aitzol_Berasategi": "mountain path",
    "lomiri-wallpapers-16.04:seeding_by_Clements_Engelhardt": "dandelions",
    "lomiri-wallpapers-16.04:sunset_by_Aitzol_Berasategi": "sunset on a hill",
    "lomiri-wallpapers-20.04:Kleiber_by_Lukas_Baubkus": "nuthatch on a tree trunk",
    "mate-backgrounds:Aqua": "water drop",
    "mate-backgrounds:Blinds": "leaf veins",
    "mate-backgrounds:Dune": "dune grass",
    "mate-backgrounds:FreshFlower": "orange flower",
    "mate-backgrounds:Garden": "marigold",
    "mate-backgrounds:GreenMeadow": "grass",
    "mate-backgrounds:LadyBird": "ladybird on grass, flowers",
    "mate-backgrounds:RainDrops": "rain drops on leaves",
    "mate-backgrounds:Storm": "storm clouds over a road",
    "mate-backgrounds:TwoWings": "dandelion seeds",
    "mate-backgrounds:Wood": "wooden boards",
    "mate-backgrounds:YellowFlower": "yellow flower",
    "plasma-workspace-wallpapers:BytheWater": "jetty planks by a lake",
    "plasma-workspace-wallpapers:ColdRipple": "jetty in fog",
    "plasma-workspace-wallpapers:ColorfulCups": "stacked cups",
    "plasma-workspace-wallpapers:DarkestHour": "lake in mist at dusk",
    "plasma-workspace-wallpapers:EveningGlow": "rowing boats on a shore",
    "plasma-workspace-wallpapers:FallenLeaf": "fallen leaves",
    "plasma-workspace-wallpapers:Grey": "building facade",
    "plasma-workspace-wallpapers:Kite": "kite in a cloudy sky",
    "plasma-workspace-wallpapers:OneStandsOut": "moss",
    "plasma-workspace-wallpapers:Path": "forest path",
    "plasma-workspace-wallpapers:summer_1am": "lake at dusk",
}
REJECTED = {
    "gnome-backgrounds:*": "renderings and vector-style art (GNOME 43 backgrounds)",
    "lomiri-wallpapers:*": "gradients",
    "lomiri-wallpapers-16.04:umang_by_Abhishek_Mudgal": "colour gradient",
    "lomiri-wallpapers-20.04:Fossa_by_Jasper_Roks": "rendering",
    "lomiri-wallpapers-20.04:Infinite-Sea_by_Aury88": "composite (sky pasted over a sea)",
    "lomiri-wallpapers-20.04:Painting-Colors_by__herobrine7gamer": "vector art",
    "mate-backgrounds:Arc-Colors-Transparent-Wallpaper": "rendering",
    "mate-backgrounds:Elephants": "painting",
    "mate-backgrounds:Float-into-MATE": "rendering",
    "mate-backgrounds:Flow": "rendering",
    "mate-backgrounds:GreenTraditional": "logo",
    "mate-backgrounds:Gulp": "rendering",
    "mate-backgrounds:MATE-Stripes-Dark": "logo",
    "mate-backgrounds:MATE-Stripes-Light": "rendering",
    "mate-backgrounds:Silk": "rendering",
    "mate-backgrounds:Spring": "rendering",
    "mate-backgrounds:Stripes": "stripes",
    "mate-backgrounds:Waves": "rendering",
    "plasma-workspace-wallpapers:Altai": "low-poly rendering",
    "plasma-workspace-wallpapers:Autumn": "painting",
    "plasma-workspace-wallpapers:Canopee": "rendering",
    "plasma-workspace-wallpapers:Cascade": "rendering",
    "plasma-workspace-wallpapers:Cluster": "rendering",
    "plasma-workspace-wallpapers:Elarun": "rendering",
    "plasma-workspace-wallpapers:Flow": "rendering",
    "plasma-workspace-wallpapers:Flow-dark": "rendering",
    "plasma-workspace-wallpapers:FlyingKonqui": "drawing",
    "plasma-workspace-wallpapers:Honeywave": "rendering",
    "plasma-workspace-wallpapers:IceCold": "rendering",
    "plasma-workspace-wallpapers:Kay": "rendering",
    "plasma-workspace-wallpapers:Kay-dark": "rendering",
    "plasma-workspace-wallpapers:Kokkini": "rendering",
    "plasma-workspace-wallpapers:MilkyWay": "rendering",
    "plasma-workspace-wallpapers:Opal": "rendering",
    "plasma-workspace-wallpapers:PastelHills": "low-poly rendering",
    "plasma-workspace-wallpapers:Patak": "rendering",
    "plasma-workspace-wallpapers:Patak-dark": "rendering",
    "plasma-workspace-wallpapers:SafeLanding": "drawing",
    "plasma-workspace-wallpapers:Shell": "rendering",
    "plasma-workspace-wallpapers:Volna": "rendering (polygonal sand and surf)",
    "sway-backgrounds:*": "logo on a flat colour",
    "ukui-wallpapers:*": "renderings and vector art",
    "desktop-base:*": "Debian theme artwork (its wallpapers are SVG; no raster candidates)",
}


def rejected(key):
    """Why a picture is not taken (None when REJECTED does not name it or its package)."""
    return REJECTED.get(key) or REJECTED.get(key.split(":", 1)[0] + ":*")


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, stdout=subprocess.PIPE, **kw).stdout


def package_files(pkg):
    try:
        out = run(["dpkg", "-L", pkg], stderr=subprocess.DEVNULL).decode()
    except subprocess.CalledProcessError:
        return None
    return [l for l in out.splitlines() if os.path.isfile(l)]


def picture_key(pkg, path):
    """One key per picture, whatever resolutions the package ships it at."""
    m = re.match(r"/usr/share/wallpapers/([^/]+)/contents/(images(?:_dark)?)/", path)
    if m:
        return "%s:%s%s" % (pkg, m.group(1), "-dark" if m.group(2) == "images_dark" else "")
    m = re.match(r"/usr/share/desktop-base/([^/]+)/([^/]+)/contents/images/", path)
    if m:
        return "%s:%s-%s" % (pkg, m.group(1), m.group(2))
    stem = os.path.splitext(os.path.basename(path))[0]
    stem = re.sub(r"[_-]?\d{3,5}x\d{3,5}(_Portrait)?$", "", stem)
    return "%s:%s" % (pkg, stem)


def size_of(path):
    w, h = run(["identify", "-quiet", "-format", "%w %h\n", path + "[0]"],
               stderr=subprocess.DEVNULL).decode().split()[:2]
    return int(w), int(h)


def candidates(packages):
    """{key: (package, path, width, height)}: each raster picture at its largest."""
    best = {}
    for pkg in packages:
        files = package_files(pkg)
        if files is None:
            sys.exit("build-corpus: package %s is not installed (run as root to install it, or: "
                     "apt-get install --no-install-recommends %s)" % (pkg, pkg))
        for f in files:
            if not f.lower().endswith(RASTER) or NOT_PICTURES.search(f.lower()):
                continue
            w, h = size_of(f)
            k = picture_key(pkg, f)
            if k not in best or w * h > best[k][2] * best[k][3]:
                best[k] = (pkg, f, w, h)
    return best


def dhash(path):
    """512-bit difference hash: signs of the horizontal and vertical steps of a 17x17 grey
    thumbnail (distinct photographs of the packages differ in 98 bits or more)."""
    raw = run(["convert", "-quiet", path + "[0]", "-colorspace", "Gray", "-filter", "Triangle",
               "-resize", "17x17!", "-depth", "8", "gray:-"], stderr=subprocess.DEVNULL)
    g = np.frombuffer(raw, dtype=np.uint8).reshape(17, 17).astype(np.int16)
    bits = np.concatenate([(g[:16, 1:] > g[:16, :-1]).ravel(), (g[1:, :16] > g[:-1, :16]).ravel()])
    return int("".join("1" if b else "0" for b in bits), 2)


def distance(a, b):
    return bin(a ^ b).count("1")


def licence_of(pkg, path):
    """The licence of one installed file: the wallpaper's own metadata.json where it has one,
    else the package's machine-readable copyright file (the stanza whose Files pattern matches
    the file name, else Files: *)."""
    m = re.match(r"(/usr/share/wallpapers/[^/]+)/contents/", path)
    if m and os.path.exists(m.group(1) + "/metadata.json"):
        with open(m.group(1) + "/metadata.json", encoding="utf-8") as f:
            meta = json.load(f).get("KPlugin", {})
        lic = meta.get("License")
        authors = ", ".join(a.get("Name", "") for a in meta.get("Authors", []))
        if lic:
            return "%s (%s; metadata.json)" % (lic, authors) if authors else lic
    text = open("/usr/share/doc/%s/copyright" % pkg, encoding="utf-8", errors="replace").read()
    name = os.path.basename(path)
    default = None
    for stanza in re.split(r"\n\s*\n", text):
        fm = re.search(r"^Files:\s*(.+?)(?=^\S)", stanza + "\nX", re.M | re.S)
        lm = re.search(r"^License:\s*(\S+)", stanza, re.M)
        cm = re.search(r"^Copyright:\s*(.+)$", stanza, re.M)
        if not fm or not lm:
            continue
        patterns = fm.group(1).split()
        who = cm.group(1).strip() if cm else ""
        for p in patterns:
            if p == "*":
                default = default or (lm.group(1), who)
            elif fnmatch.fnmatch(name, os.path.basename(p)):
                return "%s (%s)" % (lm.group(1), who)
    if default:
        return "%s (%s)" % default
    return "unknown"


def shrink(src, dst, factor):
    """Catmull-Rom (MATLAB-style bicubic) shrink by `factor`, 8-bit RGB PNG, no metadata."""
    w, h = size_of(src)
    tw, th = max(1, round(w / factor)), max(1, round(h / factor))
    run(["convert", "-quiet", src + "[0]", "-alpha", "off", "-colorspace", "sRGB", "-filter", "Catrom",
         "-resize", "%dx%d!" % (tw, th), "-depth", "8", "-type", "TrueColor", "-strip",
         "PNG24:" + dst])
    return tw, th


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def image_names(folder):
    """As io.ImageFiles.list: image files by name, in Java String order (ASCII names here)."""
    ext = (".png", ".tif", ".tiff", ".jpg", ".jpeg", ".bmp", ".gif")
    return sorted(n for n in os.listdir(folder)
                  if not n.startswith(".") and n.lower().endswith(ext)
                  and os.path.isfile(os.path.join(folder, n)))


def validation_names(folder, count):
    """The files TrainCommand.spread picks: index i * n / count for i < count."""
    names = image_names(folder)
    if count <= 0 or count >= len(names):
        return set(names)
    return {names[i * len(names) // count] for i in range(count)}


def install(packages):
    missing = [p for p in packages if package_files(p) is None]
    if not missing:
        return
    if os.geteuid() != 0:
        sys.exit("build-corpus: missing packages; install them with: apt-get install "
                 "--no-install-recommends " + " ".join(missing))
    subprocess.run(["apt-get", "-o", "DPkg::Lock::Timeout=900", "install", "-y",
                    "--no-install-recommends"] + missing, check=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("output", nargs="?", default="/work/corpus/" + RECIPE)
    repo = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    ap.add_argument("--data", default=os.environ.get("ESPCN_DATA", os.path.join(
        repo, "..", "shared", "data")), help="the shared data folder (T91, BSD200 and the "
        "test sets; default $ESPCN_DATA, else ../shared/data beside the repository)")
    ap.add_argument("--list", action="store_true", help="print the candidate pictures and stop")
    ap.add_argument("--contact-sheet", metavar="PNG",
                    help="write a labelled contact sheet of all candidates and stop")
    ap.add_argument("--no-install", action="store_true")
    a = ap.parse_args()

    for tool in ("convert", "identify", "montage", "dpkg"):
        if shutil.which(tool) is None:
            sys.exit("build-corpus: %s not found (needs ImageMagick and dpkg)" % tool)
    for s in ["T91", "BSD200"] + TEST_SETS:
        if not os.path.isdir(os.path.join(a.data, s)):
            sys.exit("build-corpus: no %s folder in %s (give --data DIR or set ESPCN_DATA)"
                     % (s, a.data))
    if not a.no_install:
        install(WALLPAPER_PACKAGES)
    cands = candidates(WALLPAPER_PACKAGES)
    if a.list:
        for k in sorted(cands):
            pkg, f, w, h = cands[k]
            tag = "photo" if k in PHOTOS else ("rejected" if rejected(k) else "unreviewed")
            print("%-60s %5dx%-5d %-10s %s" % (k, w, h, tag, f))
        return
    if a.contact_sheet:
        with tempfile.TemporaryDirectory() as tmp:
            thumbs = []
            for i, k in enumerate(sorted(cands)):
                t = os.path.join(tmp, "%03d.png" % i)
                run(["convert", cands[k][1] + "[0]", "-thumbnail", "320x200", "-set", "label",
                     k.split(":", 1)[1][:40], t])
                thumbs.append(t)
            # montage exits 1 when it finds no font for the labels, yet writes the pages
            subprocess.run(["montage"] + thumbs + ["-tile", "6x5", "-geometry", "+4+4",
                                                   a.contact_sheet], stderr=subprocess.DEVNULL)
        print("wrote", a.contact_sheet, "(one page of 30 pictures each, numbered when several)")
        return

    unreviewed = sorted(k for k in cands if k not in PHOTOS and not rejected(k))
    if unreviewed:
        sys.exit("build-corpus: pictures nobody has reviewed (add each to PHOTOS or REJECTED "
                 "after looking at it): " + ", ".join(unreviewed))
    missing = sorted(k for k in PHOTOS if k not in cands)
    if missing:
        sys.exit("build-corpus: listed photographs not found in the packages: " + ", ".join(missing))

    out = a.output
    if os.path.exists(out) and os.listdir(out):
        sys.exit("build-corpus: %s exists and is not empty; give a new folder" % out)
    tmp_out = out.rstrip("/") + ".partial"
    if os.path.exists(tmp_out):
        shutil.rmtree(tmp_out)
    os.makedirs(tmp_out)

    # Test-set fingerprints, so no test image can slip in through a package.
    test_hashes = []
    for s in TEST_SETS:
        folder = os.path.join(a.data, s)
        for n in image_names(folder):
            test_hashes.append(("%s/%s" % (s, n), dhash(os.path.join(folder, n))))

    rows = []  # file, package, original, licence, original size, size
    # T91 and BSD200 (without its validation images), as they are.
    held = validation_names(os.path.join(a.data, "BSD200"), VALIDATION_COUNT)
    for s, prefix, lic in (("T91", "t91", "T91 (Yang et al. 2010), research use"),
                           ("BSD200", "bsd200", "BSDS300 training images, research use")):
        folder = os.path.join(a.data, s)
        for n in image_names(folder):
            if s == "BSD200" and n in held:
                continue
            src = os.path.join(folder, n)
            name = "%s-%s.png" % (prefix, os.path.splitext(n)[0])
            w, h = size_of(src)
            run(["convert", src, "-alpha", "off", "-depth", "8", "-strip", "PNG24:" +
                 os.path.join(tmp_out, name)] if not src.lower().endswith(".png") else
                ["cp", src, os.path.join(tmp_out, name)])
            rows.append([name, "shared data " + s, src, lic, "%dx%d" % (w, h), "%dx%d" % (w, h)])

    # Wallpapers: the reviewed photographs, largest first so a duplicate keeps the largest.
    kept = []  # (hash, key)
    photos = sorted(PHOTOS, key=lambda k: -cands[k][2] * cands[k][3])
    for k in photos:
        pkg, f, w, h = cands[k]
        hsh = dhash(f)
        dup = next((kk for hh, kk in kept if distance(hh, hsh) <= DUPLICATE_BITS), None)
        if dup:
            print("duplicate: %s is %s; kept once" % (k, dup))
            continue
        leak = next((t for t, hh in test_hashes if distance(hh, hsh) <= DUPLICATE_BITS), None)
        if leak:
            print("dropped: %s looks like test image %s" % (k, leak))
            continue
        kept.append((hsh, k))
        jpeg = f.lower().endswith((".jpg", ".jpeg"))
        factor = max(MIN_JPEG_FACTOR if jpeg else 1.0, max(w, h) / MAX_SIDE)
        slug = re.sub(r"[^A-Za-z0-9]+", "-", k.split(":", 1)[1]).strip("-").lower()
        name = "wp-%s.png" % slug
        tw, th = shrink(f, os.path.join(tmp_out, name), factor)
        rows.append([name, pkg, f, licence_of(pkg, f), "%dx%d" % (w, h), "%dx%d" % (tw, th)])

    rows.sort()
    digest = hashlib.sha256()
    for r in rows:
        r.append(sha256(os.path.join(tmp_out, r[0])))
        digest.update(("%s %s\n" % (r[0], r[-1])).encode())
    magick = run(["convert", "-version"]).decode().splitlines()[0]
    tag = "corpus-%s-%s" % (RECIPE, digest.hexdigest()[:12])
    with open(os.path.join(tmp_out, "MANIFEST.tsv"), "w", encoding="utf-8") as m:
        m.write("# %s; built by scripts/build-corpus.sh with %s\n" % (tag, magick))
        m.write("file\tpackage\toriginal\tlicence\toriginal_size\tsize\tsha256\n")
        for r in rows:
            m.write("\t".join(r) + "\n")
    with open(os.path.join(tmp_out, "VERSION"), "w") as v:
        v.write(tag + "\n")
    if os.path.exists(out):
        os.rmdir(out)
    os.rename(tmp_out, out)

    pixels = sum(int(r[5].split("x")[0]) * int(r[5].split("x")[1]) for r in rows)
    for r in rows:
        print("\t".join(r[:6]))
    by = {}
    for r in rows:
        src = r[1]
        n, p = by.get(src, (0, 0))
        by[src] = (n + 1, p + int(r[5].split("x")[0]) * int(r[5].split("x")[1]))
    for src in sorted(by):
        print("%-32s %4d images %7.2f Mpixels" % (src, by[src][0], by[src][1] / 1e6))
    print("%d images, %.1f Mpixels in %s" % (len(rows), pixels / 1e6, out))
    print(tag)


if __name__ == "__main__":
    main()
