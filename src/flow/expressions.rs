//! Expressions, evaluated in order, with short-circuit and conditional branches.

use oxc_ast::ast::*;
use oxc_span::GetSpan;

use crate::framework::EXPRESS;
use crate::sends::Identifies;

use super::calls::{is_response, CallbackFunction};
use super::facts::{record_value, Assigned};
use super::state::State;
use super::walker::Walker;

impl<'a> Walker<'a, '_> {
    /// Evaluates `expr` as a value that is stored or handed on (`const r = res`, `{ req, res }`,
    /// `[res]`, `new Responder(res)`, an object of functions that send): once the response, `next`
    /// or a function that answers is out of the walk's sight, other code may answer with it.
    pub(super) fn stored_value(&mut self, expr: &'a Expression<'a>, state: State) -> State {
        let state = self.expression(expr, state);
        let escapes = match expr.get_inner_expression() {
            Expression::Identifier(id) => {
                self.response.identifies(id)
                    || self.next.as_ref().is_some_and(|next| next.identifies(id))
                    || self.local_closure(id).is_some_and(|f| self.callback_uses_response(&f))
            }
            other => CallbackFunction::of_expression(other).is_some_and(|f| self.callback_uses_response(&f)),
        };
        if escapes {
            self.hand_off(expr.span(), state)
        } else {
            state
        }
    }

    /// Evaluates `expr` in order, following short-circuit and conditional branches, within the file's [`Budget`].
    pub(super) fn expression(&mut self, expr: &'a Expression<'a>, state: State) -> State {
        if state.is_dead() {
            return state;
        }
        if !self.helpers.budget.enter(self.cost(&state)) {
            return State::default();
        }
        let after = self.expression_inner(expr, state);
        self.helpers.budget.leave();
        after
    }

    pub(super) fn expression_inner(&mut self, expr: &'a Expression<'a>, state: State) -> State {
        match expr {
            Expression::CallExpression(call) => self.call(call, state),
            Expression::NewExpression(new) => {
                let mut state = self.expression(&new.callee, state);
                state = self.arguments(&new.arguments, None, false, false, state.clone(), state);
                for arg in &new.arguments {
                    if let Some(arg) = arg.as_expression() {
                        if matches!(arg.get_inner_expression(), Expression::Identifier(_)) {
                            state = self.stored_value(arg, state);
                        }
                    }
                }
                state
            }
            Expression::ChainExpression(chain) => match &chain.expression {
                ChainElement::CallExpression(call) => self.call(call, state),
                other => match other.as_member_expression() {
                    Some(member) => self.expression(member.object(), state),
                    None => state,
                },
            },
            Expression::LogicalExpression(logical) => {
                let after_left = self.expression(&logical.left, state);
                let after_right = self.expression(&logical.right, after_left.clone());
                after_left.joined(&after_right)
            }
            Expression::ConditionalExpression(cond) => {
                let state = self.expression(&cond.test, state);
                let (then_state, else_state) = self.split_on_headers_sent(&cond.test, state);
                let a = self.expression(&cond.consequent, then_state);
                let b = self.expression(&cond.alternate, else_state);
                a.joined(&b)
            }
            Expression::AwaitExpression(e) => {
                if let Expression::CallExpression(call) = e.argument.get_inner_expression() {
                    self.awaited_call = Some(call.span);
                }
                let callbacks = self.option_callbacks(&e.argument);
                if callbacks.is_empty() {
                    return self.expression(&e.argument, state);
                }
                let before = state.clone();
                let after = self.expression(&e.argument, state);
                for callback in &callbacks {
                    self.callback_throwing_into_catch(callback, before.clone());
                }
                after
            }
            Expression::ParenthesizedExpression(e) => self.expression(&e.expression, state),
            Expression::TSAsExpression(e) => self.expression(&e.expression, state),
            Expression::TSSatisfiesExpression(e) => self.expression(&e.expression, state),
            Expression::TSNonNullExpression(e) => self.expression(&e.expression, state),
            Expression::TSTypeAssertion(e) => self.expression(&e.expression, state),
            Expression::SequenceExpression(seq) => {
                seq.expressions.iter().fold(state, |state, e| self.expression(e, state))
            }
            Expression::AssignmentExpression(assign) => {
                let state = self.stored_value(&assign.right, state);
                match &assign.left {
                    AssignmentTarget::AssignmentTargetIdentifier(id) => {
                        if matches!(assign.operator, AssignmentOperator::Addition | AssignmentOperator::Subtraction) {
                            self.counted(self.helpers.reference_key(id));
                        }
                        let value = if assign.operator == AssignmentOperator::Assign {
                            Assigned::Value(&assign.right)
                        } else {
                            Assigned::Unknown
                        };
                        record_value(state, &self.helpers.reference_key(id), value)
                    }
                    _ => state,
                }
            }
            Expression::UpdateExpression(update) => match &update.argument {
                SimpleAssignmentTarget::AssignmentTargetIdentifier(id) => {
                    let key = self.helpers.reference_key(id);
                    self.counted(key.clone());
                    record_value(state, &key, Assigned::Unknown)
                }
                _ => state,
            },
            Expression::BinaryExpression(binary) => {
                let state = self.expression(&binary.left, state);
                self.expression(&binary.right, state)
            }
            // `typeof x` is how code asks whether `x` exists: it never throws for a missing name.
            Expression::UnaryExpression(unary)
                if unary.operator == UnaryOperator::Typeof && matches!(unary.argument, Expression::Identifier(_)) =>
            {
                state
            }
            Expression::UnaryExpression(unary) => self.expression(&unary.argument, state),
            Expression::Identifier(id) if self.helpers.is_undeclared(id) => self.reference_error(id.span, false, state),
            Expression::StaticMemberExpression(member) => {
                let state = self.expression(&member.object, state);
                // `const started = res.headersSent`, `if (req.destroyed) return`: whether the response
                // already went out is known only at run time.
                let answer = &EXPRESS.answer;
                let asks_state = answer.state_properties.contains(&member.property.name.as_str())
                    && (is_response(&member.object, &self.response)
                        || member.property.name != answer.response_only_state_property);
                if asks_state {
                    self.hand_off(member.span, state)
                } else {
                    state
                }
            }
            Expression::ComputedMemberExpression(member) => {
                let state = self.expression(&member.object, state);
                self.expression(&member.expression, state)
            }
            Expression::ArrayExpression(array) => array.elements.iter().fold(state, |state, element| match element {
                ArrayExpressionElement::SpreadElement(spread) => self.expression(&spread.argument, state),
                other => match other.as_expression() {
                    Some(e) => self.stored_value(e, state),
                    None => state,
                },
            }),
            Expression::ObjectExpression(object) => {
                object.properties.iter().fold(state, |state, property| match property {
                    ObjectPropertyKind::ObjectProperty(p) => self.stored_value(&p.value, state),
                    ObjectPropertyKind::SpreadProperty(s) => self.expression(&s.argument, state),
                })
            }
            Expression::TemplateLiteral(template) => {
                template.expressions.iter().fold(state, |state, e| self.expression(e, state))
            }
            Expression::TaggedTemplateExpression(tagged) => {
                tagged.quasi.expressions.iter().fold(state, |state, e| self.expression(e, state))
            }
            _ => state,
        }
    }
}
