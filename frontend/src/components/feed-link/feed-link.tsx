/** Props for FeedLink. */
export interface FeedLinkProps {
  /** The Atom feed's address. */
  href: string
  /** What the feed holds, as a feed reader lists it. */
  title: string
}

/**
 * FeedLink announces a page's Atom feed in the document's head
 * (`<link rel="alternate" type="application/atom+xml">`), which is how
 * browsers' and feed readers' "subscribe" finds it from the page's address.
 * React 19 moves a `<link>` rendered anywhere into the head, keeps it in step
 * with the props and removes it when the page goes.
 */
export function FeedLink({ href, title }: FeedLinkProps) {
  return <link rel="alternate" type="application/atom+xml" title={title} href={href} />
}
