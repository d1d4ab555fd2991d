// Small browser helpers the pages use; the theme button and the menus work here, without a round trip to the server.
window.portal = {
    // Remembered in a cookie so the server renders the next page in the chosen theme straight away.
    setTheme(theme) {
        document.cookie = `drp-theme=${encodeURIComponent(theme)}; path=/; max-age=31536000; samesite=lax`;
    },
};

// MudBlazor's responsive drawer: beside the page from 960 px, over it (closed until asked for) below.
const narrowScreen = () => window.matchMedia('(max-width: 959.98px)').matches;

function setDrawer(open) {
    const drawer = document.getElementById('portal-drawer');
    if (!drawer) {
        return;
    }

    const layout = drawer.closest('.mud-layout');
    drawer.classList.remove('mud-drawer--initial');
    drawer.classList.toggle('mud-drawer--open', open);
    drawer.classList.toggle('mud-drawer--closed', !open);
    layout?.classList.toggle('mud-drawer-open-responsive-md-left', open);
    layout?.classList.toggle('mud-drawer-close-responsive-md-left', !open);
    const scrim = layout?.querySelector('.portal-drawer-scrim');
    if (scrim) {
        scrim.hidden = !open;
    }
}

function drawerOpen() {
    const drawer = document.getElementById('portal-drawer');
    return !!drawer && (drawer.classList.contains('mud-drawer--initial') ? !narrowScreen() : drawer.classList.contains('mud-drawer--open'));
}

document.addEventListener('click', event => {
    if (event.target.closest?.('[data-drawer-toggle]')) {
        setDrawer(!drawerOpen());
    } else if (narrowScreen() && drawerOpen() && event.target.closest?.('#portal-drawer a')) {
        setDrawer(false);
    }

    // The head's stylesheet holds both palettes; the body's class picks one (none: the system's).
    const themeButton = event.target.closest?.('[data-theme-switch]');
    if (themeButton) {
        const theme = themeButton.dataset.themeSwitch;
        window.portal.setTheme(theme);
        document.body.classList.remove('theme-light', 'theme-dark');
        document.body.classList.add(`theme-${theme}`);
        // The pressed button is hidden now; keep the keyboard on the one that took its place.
        document.querySelector(`[data-theme-switch]:not([data-theme-switch="${theme}"])`)?.focus();
    }

    // A menu or drop-down list closes when something outside it is clicked, or one of its links.
    for (const menu of document.querySelectorAll('details.portal-menu[open]')) {
        if (!menu.contains(event.target) || event.target.closest('a, button[type=submit]')) {
            menu.removeAttribute('open');
        }
    }
});

// A click anywhere on a list's row (data-row-link) follows the row's own link, which stays the way in from the keyboard.
// A click that ends a text selection, carries a modifier (extending a selection) or lands on a control is left alone.
document.addEventListener('click', event => {
    if (event.defaultPrevented || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) {
        return;
    }

    const row = event.target.closest?.('tr[data-row-link]');
    if (!row || event.target.closest('a, button, input, select, textarea, label, summary, [role=button]')) {
        return;
    }

    const selection = window.getSelection();
    if (selection && !selection.isCollapsed && selection.toString().trim() !== '') {
        return;
    }

    row.querySelector('a[href]')?.click();
});

document.addEventListener('keydown', event => {
    if (event.key !== 'Escape') {
        return;
    }

    if (narrowScreen() && drawerOpen()) {
        setDrawer(false);
    }

    const menu = event.target.closest?.('details.portal-menu[open]');
    if (menu) {
        menu.removeAttribute('open');
        menu.querySelector('summary')?.focus();
    }
});

// Text fields hand their text to the server when they are left, not at every key, so nothing the server sends back
// while someone types can change the text under their fingers, however slow the connection. A form sent from the
// keyboard (Enter in a one-line field, Ctrl+Enter or Cmd+Enter in a text box) first hands over the field's text, so the
// server has all of it before it sees the key. This runs before the page's own handlers (capture).
document.addEventListener('keydown', event => {
    if (event.key !== 'Enter' || event.isComposing) {
        return;
    }

    const field = event.target;
    const textBox = field instanceof HTMLTextAreaElement;
    const oneLine = field instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit', 'reset', 'file'].includes(field.type);
    if (oneLine || (textBox && (event.ctrlKey || event.metaKey))) {
        field.dispatchEvent(new Event('change', { bubbles: true }));
    }
}, true);

// Until a page is live on its circuit its controls are only a picture of themselves: a click there would be lost. It is
// held instead (the page shows it is getting ready) and made again on the same control once the page is live.
const waitingForLive = () => document.querySelector('[data-interactive=false]') !== null;
let heldClick = null;

function pathTo(element) {
    const path = [];
    for (let node = element; node && node !== document.body; node = node.parentElement) {
        path.unshift(Array.prototype.indexOf.call(node.parentElement.children, node));
    }
    return path;
}

function elementAt(path) {
    let node = document.body;
    for (const index of path) {
        node = node?.children[index];
    }
    return node;
}

document.addEventListener('click', event => {
    if (!waitingForLive() || !event.isTrusted) {
        return;
    }

    // Links too: a navigation started just before the page goes live can be undone by the page's own start.
    const control = event.target.closest?.('a[href], button, [role=button], input[type=checkbox], input[type=radio]');
    if (!control || control.type === 'submit' || control.closest('[data-drawer-toggle], [data-theme-switch], summary, form[method=post]')) {
        return;
    }

    // Jumps within the page, downloads and new windows work the same before the page is live.
    if (control.matches('a[href^="#"], a[download], a[target]')) {
        return;
    }

    event.preventDefault();
    event.stopImmediatePropagation();
    const held = { path: pathTo(control), text: control.textContent };
    heldClick = held;
    document.documentElement.classList.add('portal-getting-ready');

    // A page that cannot go live (no connection to the server) must not keep a click forever: a link is then followed
    // the ordinary way, and a button is let go, as it would have been without holding it.
    const href = control.matches('a[href]') ? control.href : null;
    setTimeout(() => {
        if (heldClick !== held) {
            return;
        }

        heldClick = null;
        document.documentElement.classList.remove('portal-getting-ready');
        if (href) {
            location.assign(href);
        }
    }, 10000);
}, true);

new MutationObserver(() => {
    if (!heldClick || waitingForLive()) {
        return;
    }

    const { path, text } = heldClick;
    heldClick = null;
    document.documentElement.classList.remove('portal-getting-ready');
    const control = elementAt(path);
    if (control && control.textContent === text) {
        control.click();
    }
}).observe(document.documentElement, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-interactive'] });
