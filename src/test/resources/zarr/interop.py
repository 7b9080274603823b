"""Zarr interoperability with zarr-python 2 and numcodecs (Debian's python3-zarr).

  interop.py write DIR   writes one array per dtype and compressor under DIR
  interop.py check DIR   reads every array under DIR (written by Java) and checks its values

Values follow one formula that the Java test computes too: sample i (C order) is
(i * 7919) % 256 for uint8, % 65536 for uint16, and i * 0.25 - 100 for float32.
"""
import os
import sys

import numpy as np
import zarr
from numcodecs import GZip, Zlib, Blosc

SHAPE = (3, 37, 50)
CHUNKS = (2, 16, 16)


def values(dtype, shape=SHAPE):
    i = np.arange(int(np.prod(shape)), dtype=np.int64)
    kind = np.dtype(dtype)
    if kind.kind == 'f':
        v = i * 0.25 - 100
    else:
        v = (i * 7919) % (256 if kind.itemsize == 1 else 65536)
    return v.astype(dtype).reshape(shape)


COMPRESSORS = {
    'none': None,
    'zlib': Zlib(level=6),
    'gzip': GZip(level=6),
    'blosc-lz4-shuffle': Blosc(cname='lz4', clevel=5, shuffle=Blosc.SHUFFLE),
    'blosc-lz4-noshuffle': Blosc(cname='lz4', clevel=5, shuffle=Blosc.NOSHUFFLE),
    'blosc-lz4-bitshuffle': Blosc(cname='lz4', clevel=5, shuffle=Blosc.BITSHUFFLE),
    'blosc-lz4hc-shuffle': Blosc(cname='lz4hc', clevel=5, shuffle=Blosc.SHUFFLE),
    'blosc-zstd-shuffle': Blosc(cname='zstd', clevel=5, shuffle=Blosc.SHUFFLE),
    'blosc-zstd-bitshuffle': Blosc(cname='zstd', clevel=3, shuffle=Blosc.BITSHUFFLE),
    'blosc-zlib-shuffle': Blosc(cname='zlib', clevel=5, shuffle=Blosc.SHUFFLE),
    'blosc-snappy-shuffle': Blosc(cname='snappy', clevel=5, shuffle=Blosc.SHUFFLE),
    'blosc-lz4-small-blocks': Blosc(cname='lz4', clevel=5, shuffle=Blosc.SHUFFLE, blocksize=256),
}


def write(root):
    for dtype in ('|u1', '<u2', '>u2', '<f4', '>f4'):
        for name, comp in COMPRESSORS.items():
            for sep in ('.', '/'):
                path = os.path.join(root, '%s_%s_%s' % (dtype[1:] + ('le' if dtype[0] == '<' else 'be'),
                                                        name, 'nested' if sep == '/' else 'flat'))
                z = zarr.open_array(zarr.DirectoryStore(path, dimension_separator=sep), mode='w',
                                    shape=SHAPE, chunks=CHUNKS, dtype=dtype, compressor=comp,
                                    fill_value=0)
                z[...] = values(dtype)
    # blosclz: not readable in Java; its refusal is tested
    z = zarr.open_array(os.path.join(root, 'blosclz'), mode='w', shape=(64, 64), chunks=(64, 64),
                        dtype='<u2', compressor=Blosc(cname='blosclz'))
    z[...] = np.arange(64 * 64).reshape(64, 64) // 64 % 7


def check(root):
    bad = 0
    for name in sorted(os.listdir(root)):
        z = zarr.open_array(os.path.join(root, name), mode='r')
        expected = values(z.dtype, z.shape)
        if z.dtype == expected.dtype and np.array_equal(z[...], expected):
            print('ok', name, z.dtype.str, z.compressor)
        else:
            bad += 1
            print('MISMATCH', name, z.dtype.str, z.compressor)
    return 1 if bad else 0


if __name__ == '__main__':
    if sys.argv[1] == 'write':
        write(sys.argv[2])
    else:
        sys.exit(check(sys.argv[2]))
