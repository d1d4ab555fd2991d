// Small browser helpers the interactive pages call through JS interop.
window.portal = {
    // Remembered in a cookie so the server renders the next page in the chosen theme straight away.
    setTheme(theme) {
        document.cookie = `drp-theme=${encodeURIComponent(theme)}; path=/; max-age=31536000; samesite=lax`;
    },
};
