#!/usr/bin/env python3
"""score.py CLI JSONL [--misses]: kind/code (printed, else implied)/action/product of the first finding, and grants on non-permission."""
import json, subprocess, sys
cli, path = sys.argv[1], sys.argv[2]
show = '--misses' in sys.argv
GRANTLESS = {'other', 'not-permission-error', 'signature', 'bad-credentials', 'token-expired', 'not-activated', 'explicit-deny'}
n = k = c = a = an = p = g = 0
miss = []
for line in open(path):
    line = line.strip()
    if not line: continue
    d = json.loads(line); e = d['expect']; n += 1
    out = subprocess.run([cli, 'diagnose', '--json'], input=d['text'], capture_output=True, text=True)
    try: r = json.loads(out.stdout)
    except Exception: r = {'findings': []}
    fs = r.get('findings') or []
    f = fs[0] if fs else None
    fin = f.get('finding', f) if f else {}
    kind = fin.get('kind') if f else None
    if kind == 'other' or kind is None: kind2 = {'other', 'not-permission-error'}
    else: kind2 = {kind}
    ek = e.get('kind')
    ok_k = ek in kind2
    # A message-only paste: the code its documentation implies (`implied_code`) stands for the printed one.
    ok_c = (fin.get('code') or fin.get('implied_code') or None) == (e.get('code') or None)
    ok_p = (fin.get('product') or None) == (e.get('product') or None)
    ok_a = None
    if e.get('action'):
        an += 1; acts = fin.get('actions') or []; ok_a = (acts[0] if acts else None) == e['action']; a += ok_a
    k += ok_k; c += ok_c; p += ok_p
    grants = 0
    if ek in GRANTLESS:
        for ff in fs:
            gr = ff.get('grant') or {}
            if gr.get('system_policies') or gr.get('custom_policy'): grants = 1
        g += grants
    if show and not (ok_k and ok_c and ok_p and ok_a is not False and not grants):
        miss.append((d['id'], ek, kind, e.get('code'), fin.get('code'), e.get('action'), (fin.get('actions') or [None])[0], e.get('product'), fin.get('product'), 'GRANT' if grants else ''))
pct = lambda x, y: f'{x} ({100*x/max(y,1):.0f}%)'
print(f'{path}: n={n} kind {pct(k,n)} code {pct(c,n)} action {a} of {an} product {pct(p,n)} grants-on-non-permission {g}')
for m in miss: print('  MISS', *m, sep=' | ')
