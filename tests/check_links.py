#!/usr/bin/env python3
# The README is a short front page and the reference lives in docs/, so a moved file or a renamed
# heading would silently break the links between them; this fails on every one that no longer resolves.
"""Check the relative links of README.md, CONTRIBUTING.md and docs/**/*.md.

Usage: check_links.py ROOT         (exit 1, one `FILE:LINE: broken link TARGET` per broken link)
       check_links.py --self-test  (a made-up tree with one broken file and one broken anchor)
Markdown links and images `[..](target)`, reference definitions `[id]: target` and `<img src=..>`
count; absolute URLs are skipped, and so is anything in fenced code blocks or inline code spans.
A `#anchor` must match a heading's GitHub slug (or an `<a id/name>`) in the target markdown file.
"""
import pathlib, re, sys, tempfile
from urllib.parse import unquote

LINK = re.compile(r'!?\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+["\'(][^)]*)?\)')
REFDEF = re.compile(r'^ {0,3}\[[^\]]+\]:\s*<?([^\s>]+)')
IMG = re.compile(r'<img\b[^>]*?\bsrc\s*=\s*["\']([^"\']+)["\']', re.I)
HTML_ANCHOR = re.compile(r'<a\b[^>]*?\b(?:id|name)\s*=\s*["\']([^"\']+)["\']', re.I)
SCHEME = re.compile(r'^[a-zA-Z][a-zA-Z0-9+.-]*:')
FENCE = re.compile(r'^ {0,3}(`{3,}|~{3,})')
CODE_SPAN = re.compile(r'(`+)(.+?)\1')


def prose_lines(text, blank=True):
    """(line number, line) outside fenced code blocks, inline code spans blanked if `blank`."""
    fence = None
    for n, line in enumerate(text.split('\n'), 1):
        m = FENCE.match(line)
        if fence is None and m:
            fence = m.group(1)[0] * len(m.group(1))
        elif fence is not None:
            if m and m.group(1).startswith(fence) and not line.strip(' `~'):
                fence = None
        else:
            yield n, CODE_SPAN.sub(lambda s: ' ' * len(s.group(0)), line) if blank else line


def slug(heading):
    """GitHub's anchor for a heading: its text, lowercase, punctuation but - and _ dropped."""
    text = re.sub(r'!?\[([^\]]*)\]\([^)]*\)', r'\1', heading.strip().rstrip('#').strip())
    text = ''.join(c for c in text.lower() if c.isalnum() or c in '-_ ')
    return text.replace(' ', '-')


def anchors(path, cache={}):
    if path not in cache:
        seen, found = {}, set()
        for _, line in prose_lines(path.read_text(encoding='utf-8'), blank=False):
            m = re.match(r'^ {0,3}#{1,6}\s+(.*)$', line)
            if m:
                s = slug(m.group(1))
                found.add(f'{s}-{seen[s]}' if s in seen else s)
                seen[s] = seen.get(s, 0) + 1
            found.update(HTML_ANCHOR.findall(line))
        cache[path] = found
    return cache[path]


def check(root):
    root = pathlib.Path(root).resolve()
    files = [root / 'README.md', root / 'CONTRIBUTING.md'] + sorted((root / 'docs').glob('**/*.md'))
    checked, broken = 0, []
    for md in (f for f in files if f.is_file()):
        for n, line in prose_lines(md.read_text(encoding='utf-8')):
            targets = LINK.findall(line) + IMG.findall(line) + REFDEF.findall(line)
            for target in targets:
                if SCHEME.match(target):
                    continue
                checked += 1
                path, _, anchor = target.partition('#')
                path = unquote(path.partition('?')[0])
                dest = md if not path else (root / path.lstrip('/') if path.startswith('/')
                                            else md.parent / path)
                ok = dest.exists()
                if ok and anchor and dest.is_file() and dest.suffix.lower() == '.md':
                    ok = unquote(anchor) in anchors(dest.resolve())
                if not ok:
                    broken.append(f'{md.relative_to(root)}:{n}: broken link {target}')
    return checked, broken


def self_test():
    with tempfile.TemporaryDirectory() as tmp:
        root = pathlib.Path(tmp)
        (root / 'docs').mkdir()
        (root / 'docs' / 'a.md').write_text('# A page\n\n## Good heading, `code` & all\n\n[up](../README.md#top)\n')
        (root / 'README.md').write_text(
            '# Top\n\n[good](docs/a.md#good-heading-code--all) and [web](https://example.com/x)\n'
            '[missing](docs/missing.md)\n'
            '![pic](docs/a.md#no-such-heading)\n'
            '`[in code](nowhere.md)` and [self](#top)\n'
            '```\n[fenced](nowhere.md)\n```\n')
        checked, broken = check(root)
    want = ['README.md:4: broken link docs/missing.md', 'README.md:5: broken link docs/a.md#no-such-heading']
    if broken != want or checked != 5:
        print(f'self-test FAILED: {checked} checked, reported {broken}, expected {want}')
        return 1
    print('self-test: the two broken links found, the good ones and code ignored')
    return 0


def main(argv):
    if argv[1:] == ['--self-test']:
        return self_test()
    if len(argv) != 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    checked, broken = check(argv[1])
    for b in broken:
        print(b)
    if broken:
        print(f'links: {checked} checked, {len(broken)} broken')
        return 1
    print(f'links: {checked} checked, all resolve')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
