/**
 * Sentences for the synthetic incidents, postmortems and playbooks, per service of the example policy,
 * so that files have the length and the shape of real ones (block scalars, lists, links) rather than
 * a few short fields: parsing time depends on it.
 */
import type { Random } from "./random.js";

interface ServiceWords {
  /** What users see when it breaks. */
  symptoms: string[];
  /** Plausible causes. */
  causes: string[];
  /** What the responders did. */
  fixes: string[];
  /** Short title fragments. */
  titles: string[];
  /** Dashboard id. */
  dashboard: string;
}

const GENERIC: ServiceWords = {
  symptoms: [
    "error rates rose well above their usual level",
    "requests timed out for a share of customers",
    "the synthetic checks failed from two regions",
  ],
  causes: [
    "a configuration change rolled out to every pod at once",
    "a dependency started answering slowly after its own deploy",
    "the connection pool was exhausted under a traffic spike",
  ],
  fixes: ["rolled back the last release", "scaled out the deployment by half", "restarted the pods one at a time"],
  titles: ["elevated error rate", "slow responses", "partial outage"],
  dashboard: "service-overview",
};

const WORDS: Record<string, ServiceWords> = {
  "api-gateway": {
    symptoms: [
      "the website and the apps showed the 'Something went wrong on our side' page",
      "the gateway answered 503 on every route for a few minutes",
      "p99 latency at the edge went from 180 ms to over 4 seconds",
    ],
    causes: [
      "a routing config change sent all traffic to one upstream",
      "the gateway cached an old key set and rejected new tokens",
      "a scraper sent forty times the usual traffic from a small address range",
    ],
    fixes: [
      "reverted the routing commit in edge-config",
      "added the address range to the block list with an expiry",
      "did a rolling restart of api-gateway so every pod reloaded its keys",
    ],
    titles: ["5xx errors on every route", "edge latency above four seconds", "requests rejected with unknown key id"],
    dashboard: "api-gateway-edge",
  },
  auth: {
    symptoms: [
      "sign-in looped back to the login page",
      "single sign-on for staff failed with an invalid assertion",
      "password reset emails arrived with expired links",
    ],
    causes: [
      "the signing key rotation outran the key set the gateway had cached",
      "the identity provider certificate expired overnight",
      "the session store ran out of memory and evicted live sessions",
    ],
    fixes: [
      "published the new key set and paused the rotation job",
      "uploaded the renewed certificate to the identity provider",
      "doubled the session store memory and restored from the replica",
    ],
    titles: [
      "sign-in loops back to the login page",
      "staff single sign-on failing",
      "sessions dropped for signed-in customers",
    ],
    dashboard: "auth-overview",
  },
  checkout: {
    symptoms: [
      "card payments were declined at the last step of checkout",
      "the basket emptied itself after adding a second item",
      "orders were created twice for the same payment",
    ],
    causes: [
      "a processor SDK upgrade treated 3-D Secure challenges as hard declines",
      "a retry without an idempotency key replayed order creation",
      "a feature flag for the new basket was enabled for everyone instead of 5%",
    ],
    fixes: [
      "rolled checkout back to the previous release",
      "turned the basket flag off and cleared the affected carts",
      "refunded the duplicate orders and added the idempotency key",
    ],
    titles: ["card payments declined at checkout", "duplicate orders after payment retries", "basket loses items"],
    dashboard: "checkout-overview",
  },
  search: {
    symptoms: [
      "new and edited listings were missing from search results",
      "autocomplete returned nothing for most queries",
      "search result pages took over ten seconds to load",
    ],
    causes: [
      "an oversized listing event blocked the indexer's partition",
      "a shard lost its replica during a node replacement",
      "a query without a size limit pulled the whole index into memory",
    ],
    fixes: [
      "moved the event to the dead-letter topic and advanced the consumer",
      "re-created the replica from a snapshot",
      "added a size limit and killed the runaway queries",
    ],
    titles: ["listings missing from search results", "autocomplete empty", "slow search result pages"],
    dashboard: "search-indexer",
  },
  notifications: {
    symptoms: [
      "order confirmation emails arrived hours late",
      "push notifications were sent twice",
      "SMS verification codes never arrived for one carrier",
    ],
    causes: [
      "the email provider throttled us after a marketing send",
      "a worker restart replayed the whole notification queue",
      "the SMS aggregator dropped a route without notice",
    ],
    fixes: [
      "moved transactional mail to the second provider",
      "deduplicated the queue by message id",
      "switched the carrier to the backup aggregator",
    ],
    titles: ["order emails delayed by hours", "duplicate push notifications", "SMS codes not delivered"],
    dashboard: "notifications-delivery",
  },
  "data-pipeline": {
    symptoms: [
      "the warehouse tables were a day behind",
      "event consumer lag grew past forty thousand messages",
      "the analytics dashboards showed zero orders for an hour",
    ],
    causes: [
      "a schema change in the events broke the loader",
      "a partition rebalance stalled two consumers",
      "the nightly job ran out of disk on its scratch volume",
    ],
    fixes: [
      "rolled the schema change back and replayed the events",
      "restarted the consumer group and watched the lag fall",
      "grew the scratch volume and re-ran the job",
    ],
    titles: ["warehouse a day behind", "event consumer lag growing", "analytics shows no orders"],
    dashboard: "data-pipeline-lag",
  },
  "web-app": {
    symptoms: [
      "the home page rendered without styles",
      "product pages returned 500 for logged-out visitors",
      "the website was blank in one browser",
    ],
    causes: [
      "a release referenced assets that the CDN had not received",
      "server-side rendering crashed on a missing translation",
      "a polyfill was dropped from the build",
    ],
    fixes: [
      "re-uploaded the assets and purged the CDN",
      "added the translation and a fallback for missing keys",
      "restored the polyfill and rebuilt",
    ],
    titles: ["home page without styles", "product pages failing for visitors", "website blank in one browser"],
    dashboard: "web-app-ssr",
  },
  admin: {
    symptoms: [
      "support could not open customer orders in the back office",
      "refunds from the back office failed silently",
      "the seller operations export timed out",
    ],
    causes: [
      "a permission migration removed the support role's read access",
      "the refund call lost its retry after a library upgrade",
      "the export query lost its index in a migration",
    ],
    fixes: [
      "restored the role's permissions from the previous migration",
      "added the retry back and re-ran the failed refunds",
      "re-created the index concurrently",
    ],
    titles: ["support cannot open orders", "back office refunds failing", "seller export timing out"],
    dashboard: "admin-overview",
  },
};

/** The words for a service (generic ones for a service not in the table). */
export function wordsFor(service: string): ServiceWords {
  return WORDS[service] ?? GENERIC;
}

const OBSERVATIONS = [
  "Dashboards show the change started within a minute of the last deploy, and nothing else changed in that window.",
  "The error logs are dominated by one message, repeated on every pod, which points at the same dependency.",
  "Only customers in one region are affected; the other regions are healthy and their traffic is normal.",
  "Rolling back is possible without a data migration, so that is the fastest way to stop the impact.",
  "Support has had more than thirty tickets in twenty minutes, almost all describing the same symptom.",
  "The on-call engineer for the dependency confirms they deployed shortly before the first errors.",
  "Retries are making it worse: the queue depth doubles every few minutes while the workers keep failing.",
  "A status page update is out and the next one is due in thirty minutes.",
];

/** A paragraph of one to three sentences about an incident on `service`. */
export function observation(random: Random, service: string): string {
  const w = wordsFor(service);
  const parts = [`${capital(random.pick(w.symptoms))}.`, random.pick(OBSERVATIONS)];
  if (random.chance(0.5)) parts.push(`It looks like ${random.pick(w.causes)}.`);
  return parts.join(" ");
}

export function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Lower-case dash-separated slug of at most `words` words. */
export function slugOf(text: string, words = 5): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim()
    .split(" ")
    .slice(0, words)
    .join("-");
}
