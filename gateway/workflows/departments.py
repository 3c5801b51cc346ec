"""The city's departments (§42: the data authority keeps who takes part in the platform).

The data authority creates, renames, deactivates and reactivates departments, each with its
unified social credit code (GB 32100, checked). A deactivated department's principals are
refused on their next request on every gateway process (the access generation watches
departments); its catalog entries, grants and audit records stay as they were.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

import sqlalchemy as sa

from gateway.access.principals import Caller
from gateway.errors import BadInput, InvalidCreditCode, NotFound
from gateway.identifiers import credit_code_problem, normalize_identifier
from gateway.store.models import Department
from gateway.workflows.common import audit_action, change_detail, get_or_404, require_role

if TYPE_CHECKING:
    from gateway.services import Services


def state(department: Department) -> dict:
    return {"code": department.code, "name": department.name,
            "creditCode": department.credit_code, "active": department.active,
            "isDataAuthority": department.is_data_authority,
            "contactEmail": department.contact_email, "contactPhone": department.contact_phone}


_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+")
_PHONE = re.compile(r"\+?[0-9][0-9 -]{2,30}")


def checked_contact(email: str | None, phone: str | None) -> tuple[str | None, str | None]:
    """The department's public contact for open data: an e-mail address and a telephone
    number (+86-757-83000000, or 0757-83000000 which is given the country code), published
    as mailto: and tel: IRIs; "" clears one."""
    email = None if email is None else email.strip()
    phone = None if phone is None else phone.strip()
    if email and not _EMAIL.fullmatch(email):
        raise BadInput(f"contact e-mail {email[:80]!r} is not an address like opendata@example.gov.cn")
    if phone and not _PHONE.fullmatch(phone):
        raise BadInput(f"contact telephone {phone[:40]!r}: digits, spaces or '-', e.g. +86-757-83000000")
    if phone and phone.startswith("0"):  # a domestic number: the country code for tel: IRIs
        phone = "+86-" + phone[1:]
    return email, phone


def checked_code(code: str) -> str:
    code = (code or "").strip()
    if not (1 <= len(code) <= 64 and code.replace("-", "").replace("_", "").isalnum()
            and code.isascii() and code[0].isalpha()):
        raise BadInput(f"department code {code!r}: 1-64 ASCII letters, digits, '-' or '_', "
                       "starting with a letter (e.g. renshe or hrss-foshan)")
    return code


def checked_name(name: str) -> str:
    name = (name or "").strip()
    if not name or len(name) > 200:
        raise BadInput("a department's name is 1-200 characters, e.g. 市人力资源和社会保障局")
    return name


def checked_credit_code(value: str) -> str:
    code = normalize_identifier(value or "")
    problem = credit_code_problem(code)
    if problem:
        raise InvalidCreditCode(f"{value!r} is not a unified social credit code: {problem}")
    return code


def _unused_credit_code(session, code: str, own: str | None = None) -> None:
    holder = session.scalars(sa.select(Department.code).where(
        Department.credit_code == code)).first()
    if holder is not None and holder != own:
        raise BadInput(f"credit code {code} is already department {holder}'s")


def list_departments(services: Services, include_inactive: bool = True) -> list[Department]:
    statement = sa.select(Department).order_by(Department.code)
    if not include_inactive:
        statement = statement.where(Department.active)
    with services.store() as session:
        return list(session.scalars(statement))


def create(services: Services, caller: Caller, code: str, name: str, credit_code: str) -> Department:
    require_role(caller, "data_authority")
    code, name, credit = checked_code(code), checked_name(name), checked_credit_code(credit_code)
    with services.store() as session, session.begin():
        if session.get(Department, code) is not None:
            raise BadInput(f"department {code} exists; rename it or choose another code")
        _unused_credit_code(session, credit)
        department = Department(code=code, name=name, credit_code=credit, active=True,
                                is_data_authority=False)
        session.add(department)
        after = state(department)
    audit_action(services, caller, "CREATE_DEPARTMENT", detail=change_detail(code, None, after))
    return department


def update(services: Services, caller: Caller, code: str, *, name: str | None = None,
           credit_code: str | None = None, contact_email: str | None = None,
           contact_phone: str | None = None) -> Department:
    """Rename a department, correct its credit code, or set its public contact."""
    require_role(caller, "data_authority")
    contact_email, contact_phone = checked_contact(contact_email, contact_phone)
    with services.store() as session, session.begin():
        department = get_or_404(session, Department, code, "department")
        before = state(department)
        if name is not None:
            department.name = checked_name(name)
        if credit_code is not None:
            credit = checked_credit_code(credit_code)
            _unused_credit_code(session, credit, own=code)
            department.credit_code = credit
        if contact_email is not None:
            department.contact_email = contact_email
        if contact_phone is not None:
            department.contact_phone = contact_phone
        after = state(department)
    if after == before:
        raise BadInput(f"department {code} already has this name, credit code and contact")
    audit_action(services, caller, "UPDATE_DEPARTMENT", detail=change_detail(code, before, after))
    return department


def set_active(services: Services, caller: Caller, code: str, active: bool,
               reason: str = "") -> Department:
    require_role(caller, "data_authority")
    if not active and not reason.strip():
        raise BadInput("say why the department is deactivated (it is kept in the audit trail)")
    with services.store() as session, session.begin():
        department = get_or_404(session, Department, code, "department")
        if department.active == active:
            raise BadInput(f"department {code} is already {'active' if active else 'deactivated'}")
        if not active and department.is_data_authority:
            raise BadInput(f"{code} is the data authority; the platform cannot run without it")
        before = state(department)
        department.active = active
        after = state(department)
    detail = change_detail(code, before, after)
    audit_action(services, caller, "ACTIVATE_DEPARTMENT" if active else "DEACTIVATE_DEPARTMENT",
                 detail=f"{detail} {reason.strip()}".strip())
    return department


def get(services: Services, code: str) -> Department:
    with services.store() as session:
        department = session.get(Department, code)
    if department is None:
        raise NotFound(f"there is no department {code}; see `departments`")
    return department


__all__ = ["create", "update", "set_active", "list_departments", "get", "state"]
