// Browser notifications for the bell (Notification API). Only while a Liwater page is open: no service worker, no push
// service, nothing from the internet. Permission is asked inside a real click on an element marked
// data-notify-permission (a user gesture, as browsers require); the answer goes back to the bell.
let bell = null;
let bound = false;

function state() {
    return 'Notification' in window ? Notification.permission : 'unsupported';
}

export function bind(dotnet) {
    bell = dotnet;
    if (!bound) {
        bound = true;
        document.addEventListener('click', event => {
            if (!event.target.closest('[data-notify-permission]') || !('Notification' in window)) {
                return;
            }

            Notification.requestPermission().then(answer => bell?.invokeMethodAsync('PermissionChanged', answer));
        });
    }

    return state();
}

export function unbind() {
    bell = null;
}

// tag: one browser notification per event, whichever tabs show it (a second tab replaces, not repeats).
export function show(tag, title, body, url) {
    if (state() !== 'granted') {
        return false;
    }

    const n = new Notification(title, { tag, body, lang: document.documentElement.lang || 'zh-CN' });
    n.onclick = () => {
        window.focus();
        window.location.href = url;
        n.close();
    };
    return true;
}
