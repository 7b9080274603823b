"""oneDNN's times of the fp32 path's convolutions (ONEDNN_VERBOSE=1 lines) against the wall time of
the same calls (FpProfile.java's WALL lines). usage: python3 profile.py LOG"""
import sys, statistics as st
lines = open(sys.argv[1]).read().split('PROFILE-START')[1].split('PROFILE-END')[0].splitlines()
calls = []; cur = {}
for l in lines:
    if ',exec,' in l:
        k = l.split('mb1_')[1].split('_')[0]; cur[k] = float(l.split(',')[-1])
    elif l.startswith('WALL'):
        cur['wall'] = float(l.split()[1]); calls.append(cur); cur = {}
keys = ['ic1oc64', 'ic64oc32', 'ic32oc9']
rows = [(c['wall'], sum(c[k] for k in keys), [c[k] for k in keys]) for c in calls if all(k in c for k in keys)]
w = st.median(r[0] for r in rows); s = st.median(r[1] for r in rows)
print(f'{len(rows)} calls: wall median {w:.2f} ms, three convolutions median {s:.2f} ms, rest median {st.median(r[0]-r[1] for r in rows):.2f} ms')
for i, k in enumerate(keys): print(f'  {k}: median {st.median(r[2][i] for r in rows):.2f} ms')
best = min(rows); print(f'  fastest call: wall {best[0]:.2f}, convolutions {best[1]:.2f} ({", ".join(f"{x:.2f}" for x in best[2])})')
