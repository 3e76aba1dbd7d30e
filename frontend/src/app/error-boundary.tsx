import { Component, type ReactNode } from 'react'
import { ServiceProblem } from '../pages/errors/service-problem/service-problem'

/**
 * ErrorBoundary shows the service problem page instead of a blank page when a page
 * fails to render or its code cannot be loaded (for example after a new release).
 */
export class ErrorBoundary extends Component<{ children: ReactNode; resetKey?: string }, { failed: boolean }> {
  state = { failed: false }

  static getDerivedStateFromError() {
    return { failed: true }
  }

  componentDidUpdate(prev: { resetKey?: string }) {
    // A new page gets a new chance.
    if (this.state.failed && prev.resetKey !== this.props.resetKey) this.setState({ failed: false })
  }

  render() {
    return this.state.failed ? <ServiceProblem /> : this.props.children
  }
}
