"""The user's key map: a TOML file in the user config folder that remaps bindings by id, e.g.

    "reader.next-hit" = "j"
    "app.quit" = "ctrl+q"

No Textual here: the app reads it after the first frame and hands the table to App.set_keymap."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from .paths import APP_NAME
from .regular_file import readable_regular

KEYMAP_FILE = "keymap.toml"
MAX_KEYMAP_BYTES = 64 * 1024


def keymap_path() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME)) / KEYMAP_FILE


def load_keymap(path: Path) -> tuple[dict[str, str], str | None]:
    """{binding id: keys} and None, or what can be used and a one-line reason the rest was ignored."""
    import tomllib  # only when the reader starts, after its first frame

    if not path.exists():
        return {}, None
    if not readable_regular(path) or os.path.getsize(path) > MAX_KEYMAP_BYTES:
        return {}, f"ignored the key map {path}: not a small regular file"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
        return {}, f"ignored the key map {path}: {e}"
    keymap = {k: v for k, v in data.items() if isinstance(v, str) and v.strip()}
    wrong = sorted(set(data) - set(keymap))
    return keymap, (
        f"key map {path}: ignored {', '.join(wrong)} (each value must be keys in quotes)" if wrong else None
    )
