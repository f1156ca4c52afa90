# Masthead: Varnish in front of the Next.js instances (npm run start:prod; README "Serving in production").
#
# The rules, in order of importance:
# 1. Nothing personal is ever stored: POST (server actions) and the private paths (/admin, /api,
#    /support/thank-you, /support/manage, /search) go straight to the app; a response with Set-Cookie, or Cache-Control
#    private / no-store / no-cache, or none at all, is never stored either.
# 2. Nothing a stranger sends can evict, shadow or poison the page other readers get: the cache key
#    holds every request header Next.js varies on (RSC, router prefetch and state, Next-Url) and the
#    normalised Accept-Encoding, so an `RSC: 1` request (Next answers it with an uncacheable 307)
#    lives under its own key; cookies and unknown query strings are dropped from reading pages (only
#    the ask variant chosen from the ask cookies is kept, as a header in the key); a
#    background refresh that fails or comes back uncacheable is abandoned and the stale copy stays.
# 3. The app's Cache-Control decides how long: s-maxage is the TTL, stale-while-revalidate the grace
#    during which readers get the stale copy at once while one background fetch refreshes it.
# 4. Changes are pushed, not waited for: PURGE <path> drops every variant of a path, BAN <path> that
#    path and everything below it (lib/http-cache/purge.ts sends them after the app revalidates).
#
# The backends and their director come from backends.vcl (written by scripts/start-prod.ts; write
# your own for other topologies): it must define `app`, a director whose .backend() this file uses.
vcl 4.1;

import std;

include "backends.vcl";

acl purgers {
    "127.0.0.1";
    "::1";
}

# The front (deploy/nginx) on this machine.
acl front {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    set req.backend_hint = app.backend();

    # Purges come from the app on this machine straight to Varnish (lib/http-cache/purge.ts), so their
    # X-Forwarded-For holds only the address Varnish appended; a request the front (or any proxy) relays
    # carries its client's address before that one, and is refused like a stranger's.
    if (req.method == "PURGE" || req.method == "BAN") {
        if (client.ip !~ purgers || req.http.X-Forwarded-For ~ ",") {
            return (synth(405, "Not allowed"));
        }
        set req.http.x-purge-path = regsub(req.url, "\?.*$", "");
        if (req.method == "PURGE") {
            ban("obj.http.x-path == " + req.http.x-purge-path);
        } else {
            ban("obj.http.x-path ~ ^" + regsuball(req.http.x-purge-path, "([^A-Za-z0-9/_-])", "\\\1") + "(/|$)");
        }
        return (synth(200, "Purged"));
    }

    # Only the front may ask for answers without the headers it adds back itself.
    if (!(client.ip ~ front)) {
        unset req.http.x-masthead-front-keeps;
        unset req.http.x-masthead-front-vary;
    }

    # Varnish has appended the address it was reached from; behind the front that is the front, and the
    # app takes the last hop as the client (lib/admin/request.ts), so that hop goes again.
    if (client.ip ~ front && req.http.X-Forwarded-For ~ ",") {
        set req.http.X-Forwarded-For = regsub(req.http.X-Forwarded-For, "\s*,[^,]*$", "");
    }

    # Request targets the site never makes (lib/site/request-limits.ts: 4 KB, 64 query parameters),
    # refused before any work on them; each pattern is matched in time linear in the URL. The
    # request head as a whole is capped by varnishd's http_req_size (scripts/start-prod.ts).
    if (req.url ~ "^.{4097}") {
        return (synth(414, "URI Too Long"));
    }
    if (req.url ~ "\?([^&]*&){64}") {
        return (synth(414, "Too many query parameters"));
    }

    # Headers only Next.js itself, or a platform in front of it, may set.
    unset req.http.x-masthead-ask;
    unset req.http.x-middleware-subrequest;
    unset req.http.x-prerender-revalidate;
    unset req.http.x-prerender-revalidate-if-generated;
    unset req.http.x-matched-path;
    unset req.http.x-now-route-matches;
    unset req.http.x-invoke-path;
    unset req.http.x-invoke-query;
    unset req.http.x-invoke-output;
    unset req.http.x-next-revalidated-tags;
    unset req.http.x-next-revalidate-tag-token;
    unset req.http.proxy;

    # Server actions, forms, webhooks: never cached, never coalesced.
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.url ~ "^/(admin|api|support/thank-you|support/manage|search)(/|\?|$)") {
        return (pass);
    }

    # gzip or nothing: two variants per page, each stored as the app sent it (http_gzip_support=off).
    if (req.http.Accept-Encoding ~ "\bgzip\b") {
        set req.http.Accept-Encoding = "gzip";
    } else {
        unset req.http.Accept-Encoding;
    }

    if (req.url ~ "^/($|\?|articles/|sections/|tags/|authors/|feed\.(xml|atom|json)|sitemap\.xml|news-sitemap\.xml|robots\.txt|logo\.png|share-image\.png)") {
        # Reading pages come in a few ask variants (lib/donations/ask-variant.ts: the ask cookies
        # expire with their state, so their presence is the state). The variant is chosen here, sent
        # to the app and kept in the key; the raw cookies never reach the app or the key.
        if (req.url ~ "^/((articles|sections|tags|authors)/[^/?]+(/page/[^/?]+)?)?(\?|$)") {
            if (req.http.Cookie ~ "(^|;\s*)(mh_ask_snooze|mh_gave)=[^;\s]") {
                set req.http.x-masthead-ask = "quiet";
            } elsif (req.http.Cookie ~ "(^|;\s*)mh_banner_closed=[^;\s]") {
                set req.http.x-masthead-ask = "no-banner";
            } else {
                set req.http.x-masthead-ask = "full";
            }
        }
        # Other cookies (a staff session) are read by the app's private paths, never here.
        unset req.http.Cookie;
        # Only `_rsc` (Next's own cache-busting key for RSC payloads) can change the response;
        # any other query string would only split the cache.
        if (req.url ~ "[?&]_rsc=") {
            set req.url = regsub(req.url, "^([^?]*)\?(.*&)?(_rsc=[^&]*).*$", "\1?\3");
        } else {
            set req.url = regsub(req.url, "\?.*$", "");
        }
        return (hash);
    }
    if (req.url ~ "^/(_next/static/|images/|icon|favicon|apple-icon|opengraph-image)") {
        unset req.http.Cookie;
        return (hash);
    }

    # Anything else (e.g. /support): the ask's cookies never split the cache; any other cookie means
    # someone signed in, and that is not ours to store.
    if (req.http.Cookie) {
        set req.http.Cookie = regsuball(req.http.Cookie, "(^|;\s*)mh_[A-Za-z0-9_]*=[^;]*", "");
        set req.http.Cookie = regsub(req.http.Cookie, "^[;\s]+", "");
        if (req.http.Cookie ~ "^\s*$") {
            unset req.http.Cookie;
        } else {
            return (pass);
        }
    }
    return (hash);
}

sub vcl_hash {
    hash_data(req.url);
    if (req.http.host) {
        hash_data(req.http.host);
    } else {
        hash_data(server.ip);
    }
    # What Next.js varies on (its Vary header), each labelled so no two combinations hash alike.
    hash_data("ae:" + req.http.Accept-Encoding);
    hash_data("rsc:" + req.http.rsc);
    hash_data("prefetch:" + req.http.next-router-prefetch);
    hash_data("segment:" + req.http.next-router-segment-prefetch);
    hash_data("tree:" + req.http.next-router-state-tree);
    hash_data("next-url:" + req.http.next-url);
    hash_data("ask:" + req.http.x-masthead-ask);
    return (lookup);
}

sub vcl_backend_response {
    # Lets PURGE/BAN find every variant of a path.
    set beresp.http.x-path = regsub(bereq.url, "\?.*$", "");

    if (bereq.uncacheable) {
        return (deliver);
    }
    if (beresp.http.Set-Cookie
        || beresp.ttl <= 0s
        || !beresp.http.Cache-Control
        || beresp.http.Cache-Control ~ "(private|no-store|no-cache)"
        || beresp.http.Vary == "*"
        || beresp.status >= 500) {
        # Keep serving the stale copy rather than let one bad answer replace it.
        if (bereq.is_bgfetch) {
            return (abandon);
        }
        # Not stored; a one-second hit-for-miss so concurrent readers are not queued behind it.
        set beresp.uncacheable = true;
        set beresp.ttl = 1s;
        set beresp.grace = 0s;
        return (deliver);
    }
    # stale-while-revalidate=N becomes grace: readers never wait while a page is re-rendered.
    if (beresp.http.Cache-Control ~ "stale-while-revalidate=[0-9]+") {
        set beresp.grace = std.duration(regsub(beresp.http.Cache-Control, "^.*stale-while-revalidate=([0-9]+).*$", "\1s"), 10s);
    }
    return (deliver);
}

sub vcl_deliver {
    unset resp.http.x-path;
    unset resp.http.Via;
    # Internal to the app and to Varnish; every header left is parsed again by the front for each hit.
    unset resp.http.x-nextjs-cache;
    unset resp.http.x-nextjs-prerender;
    unset resp.http.X-Varnish;
    # What the front (deploy/nginx) keeps, it serves with the app's static security headers added
    # itself, rather than parse them again from its copy on every hit. A nonce CSP is a dynamic page's own.
    if (req.http.x-masthead-front-keeps && resp.http.Content-Security-Policy !~ "nonce-") {
        unset resp.http.Content-Security-Policy;
        unset resp.http.Permissions-Policy;
        unset resp.http.Cross-Origin-Opener-Policy;
        unset resp.http.X-Frame-Options;
        unset resp.http.Referrer-Policy;
        unset resp.http.X-Content-Type-Options;
        unset resp.http.Strict-Transport-Security;
    }
    # Nor does the front keep what it sends of its own (Date, Accept-Ranges), an Age that would stand
    # still in its copy, the router's stale time (read on the router's requests only, which it never
    # keeps), or the Vary it names as one it adds back itself (deploy/nginx/page-vary.conf, written by
    # deploy/nginx/config.ts: the pages', feeds' and sitemaps' Vary).
    if (req.http.x-masthead-front-keeps) {
        unset resp.http.Date;
        unset resp.http.Age;
        unset resp.http.Accept-Ranges;
        unset resp.http.x-nextjs-stale-time;
        if (req.http.x-masthead-front-vary && resp.http.Vary == req.http.x-masthead-front-vary) {
            unset resp.http.Vary;
        }
    }
    if (obj.uncacheable) {
        set resp.http.X-Cache = "PASS";
    } elsif (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}

sub vcl_synth {
    set resp.http.Content-Type = "text/plain; charset=utf-8";
    set resp.body = resp.reason + {"
"};
    return (deliver);
}
